/**
 * Server-given paths (backgrounds, Live2D models) become URLs only through `resolveServerPath`:
 * anything pointing outside the server's REST base is dropped and reported, never loaded.
 */
import type { AvatarConfig, AvatarModel, Background } from '../../../shared/host/events'
import { modelInfoSchema } from '../../../shared/protocol'
import type { ProtocolEventOf } from '../protocols/types'
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

export function toAvatarConfigs(event: ProtocolEventOf<'avatar-configs'>): AvatarConfig[] {
  return event.configs.map((c) => ({ filename: c.filename, name: c.name ?? c.filename }))
}

/** The neutral model for `model_info`, its `url` (or the docs' `model_path`) resolved; `refused` names a path that was not. */
export function toAvatarModel(restBase: string, event: ProtocolEventOf<'avatar-model'>): { model: AvatarModel; refused?: string } {
  // Already validated by the link; parsed again only to get the precise type back.
  const info = modelInfoSchema.parse(event.modelInfo)
  const path = info.url ?? info.model_path
  const modelUrl = path === undefined ? null : tryResolveServerPath(restBase, path)
  const model: AvatarModel = {
    source: sourceFromModelInfo(info, modelUrl ?? undefined),
    ...(event.confName === undefined ? {} : { confName: event.confName }),
    ...(event.confUid === undefined ? {} : { confUid: event.confUid }),
    ...(event.clientUid === undefined ? {} : { clientUid: event.clientUid }),
  }
  return path !== undefined && modelUrl === null ? { model, refused: path } : { model }
}
