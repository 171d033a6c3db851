/**
 * Server-given paths (backgrounds, Live2D models) become URLs only through `resolveServerPath`:
 * anything pointing outside the server's REST base is dropped and reported, never loaded.
 */
import type { AvatarConfig, AvatarModel, Background } from '../../../shared/host/events'
import { modelInfoSchema, type ServerFrameOf } from '../../../shared/protocol'
import { tryResolveServerPath } from '../../../shared/server-url'
import { sourceFromModelInfo } from '../avatars/model-info'

export function resolveBackgrounds(restBase: string, files: string[]): { backgrounds: Background[]; refused: string[] } {
  const backgrounds: Background[] = []
  const refused: string[] = []
  for (const path of files) {
    const url = tryResolveServerPath(restBase, path)
    if (url === null) refused.push(path)
    else backgrounds.push({ path, url })
  }
  return { backgrounds, refused }
}

export function toAvatarConfigs(frame: ServerFrameOf<'avatar_config_files'>): AvatarConfig[] {
  return frame.configs.map((c) => ({ filename: c.filename, name: c.name ?? c.filename }))
}

/** The neutral model for `model_info`, its `url` (or the docs' `model_path`) resolved; `refused` names a path that was not. */
export function toAvatarModel(restBase: string, frame: ServerFrameOf<'set_model_and_conf'>): { model: AvatarModel; refused?: string } {
  // Already validated by the link; parsed again only to get the precise type back.
  const info = modelInfoSchema.parse(frame.model_info)
  const path = info.url ?? info.model_path
  const modelUrl = path === undefined ? null : tryResolveServerPath(restBase, path)
  const model: AvatarModel = {
    source: sourceFromModelInfo(info, modelUrl ?? undefined),
    ...(frame.conf_name === undefined ? {} : { confName: frame.conf_name }),
    ...(frame.conf_uid === undefined ? {} : { confUid: frame.conf_uid }),
    ...(frame.client_uid === undefined ? {} : { clientUid: frame.client_uid }),
  }
  return path !== undefined && modelUrl === null ? { model, refused: path } : { model }
}
