/**
 * Avatar configs from `avatars/*.yaml`, read fresh on each request so a file dropped in shows up
 * without a restart. Broken files are skipped (and logged), never fatal.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { parse } from 'yaml'
import { messageOf } from '../../shared/errors'
import { DEFAULT_AVATAR_FILE } from './seed'
import { avatarConfigFileSchema } from './schema'

export interface AvatarConfig {
  filename: string
  name: string
  uid: string
  persona?: string
  voice?: string
  /** Emotion words this avatar knows (its emotion map keys). */
  emotions: string[]
  /** `set_model_and_conf.model_info`. */
  modelInfo: Record<string, unknown>
}

const isConfigFile = (name: string): boolean => /^[^.][^/\\]*\.ya?ml$/i.test(name)

/** The first file under `dir` (depth ≤ 3) whose name ends with `suffix`, relative to `root`, with `/`. */
async function findModel(root: string, dir: string, suffix: string, depth = 0): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  entries.sort((a, b) => a.name.localeCompare(b.name))
  const hit = entries.find((e) => e.isFile() && e.name.toLowerCase().endsWith(suffix))
  if (hit) return relative(root, join(dir, hit.name)).split(sep).join('/')
  if (depth >= 3) return undefined
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue
    const found = await findModel(root, join(dir, e.name), suffix, depth + 1)
    if (found) return found
  }
  return undefined
}

export class AvatarStore {
  constructor(
    private readonly dir: string,
    private readonly live2dDir: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Every valid config, sorted by filename. */
  async list(): Promise<AvatarConfig[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => [])
    const names = entries.filter((e) => e.isFile() && isConfigFile(e.name)).map((e) => e.name)
    const configs = await Promise.all(names.sort((a, b) => a.localeCompare(b)).map((name) => this.load(name)))
    return configs.filter((c): c is AvatarConfig => c !== undefined)
  }

  /** `mira.yaml` when valid, else the first valid config. */
  async defaultConfig(): Promise<AvatarConfig | undefined> {
    return (await this.load(DEFAULT_AVATAR_FILE)) ?? (await this.list())[0]
  }

  /** One config by its listed filename; `undefined` for anything else (paths, missing, invalid). */
  async load(filename: string): Promise<AvatarConfig | undefined> {
    if (!isConfigFile(filename)) return undefined
    let text: string
    try {
      text = await readFile(join(this.dir, filename), 'utf8')
    } catch {
      return undefined
    }
    let data: unknown
    try {
      data = parse(text)
    } catch (error) {
      this.log(`avatars: ${filename} is not valid YAML (${messageOf(error)}); skipped`)
      return undefined
    }
    const parsed = avatarConfigFileSchema.safeParse(data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      this.log(`avatars: ${filename}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}; skipped`)
      return undefined
    }
    const conf = parsed.data.character_config
    const { avatar, voice, emotion_map: emotionMap, model } = conf.mira
    const modelName = conf.live2d_model_name ?? (avatar === 'builtin' ? 'mira' : undefined)
    const modelInfo: Record<string, unknown> = {
      name: modelName ?? conf.conf_name,
      kind: avatar,
      ...(voice ? { voice } : {}),
      ...(emotionMap ? { emotionMap } : {}),
      ...model,
    }
    if (avatar !== 'builtin' && modelName) {
      const folder = join(this.live2dDir, modelName)
      // Live2D: Cubism 3–5 settings first, else Cubism 2's.
      const file =
        avatar === 'vrm' ? await findModel(this.live2dDir, folder, '.vrm') : ((await findModel(this.live2dDir, folder, '.model3.json')) ?? (await findModel(this.live2dDir, folder, '.model.json')))
      if (file) modelInfo.url = `/live2d/${file.split('/').map(encodeURIComponent).join('/')}`
      else this.log(`avatars: ${filename}: no ${avatar} model found in live2d/${modelName}/`)
    }
    return {
      filename,
      name: conf.conf_name,
      uid: conf.conf_uid,
      ...(conf.persona_prompt?.trim() ? { persona: conf.persona_prompt.trim() } : {}),
      ...(voice ? { voice } : {}),
      emotions: Object.keys(emotionMap ?? {}),
      modelInfo,
    }
  }
}
