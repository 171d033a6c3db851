/**
 * The companion's data folder: `backgrounds/`, `avatars/` (YAML configs), `live2d/` (models) and
 * `history/`. A missing subfolder is created and seeded; an existing one is left as the user
 * keeps it (deleting the default backgrounds does not bring them back).
 */
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { seedAvatars } from '../avatars/seed'
import { seedBackgrounds } from '../backgrounds/store'
import { CompanionStartError } from '../errors'
import { messageOf } from '../../shared/errors'

export interface DataLayout {
  root: string
  backgrounds: string
  /** Resolves once the default backgrounds of a first start are painted (at once otherwise); never rejects. */
  backgroundsReady: Promise<void>
  avatars: string
  live2d: string
  history: string
}

const LIVE2D_README = `Put Live2D (Cubism 4) models here, one folder per model, e.g.
  live2d/shizuku/runtime/shizuku.model3.json
and name the folder in an avatar config (avatars/*.yaml): character_config.live2d_model_name
with mira.avatar: live2d. VRM models (mira.avatar: vrm) go here too: live2d/<name>/<file>.vrm
Files here are served at /v1/live2d/<path>.
`

type Seeder = (dir: string) => Promise<void>

async function isDirectory(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function startError(path: string, error: unknown): CompanionStartError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new CompanionStartError(
      `Cannot write to the data folder ${path}: ${messageOf(error)}`,
      'Choose a writable data folder or fix its permissions.',
      { cause: error },
    )
  }
  return new CompanionStartError(`The data folder ${path} is unusable: ${messageOf(error)}`, 'Choose another data folder.', {
    cause: error,
  })
}

async function ensureFolder(path: string, seed?: Seeder): Promise<void> {
  const existing = await isDirectory(path)
  if (existing === false) {
    throw new CompanionStartError(`${path} exists but is not a folder`, 'Move that file away or choose another data folder.')
  }
  if (existing) return
  await mkdir(path, { recursive: true })
  await seed?.(path)
}

/**
 * The default backgrounds are painted after the start, in slices: a first start does not wait
 * ~1.5 s for them, and the server answers meanwhile (listing them waits until they are there).
 */
function paintBackgrounds(path: string, log: (line: string) => void): Promise<void> {
  return seedBackgrounds(path).catch(async (error: unknown) => {
    log(`backgrounds: could not paint the default backgrounds: ${messageOf(error)}`)
    await mkdir(path, { recursive: true }).catch(() => {})
  })
}

export async function prepareDataDir(root: string, log: (line: string) => void = () => {}): Promise<DataLayout> {
  const backgrounds = join(root, 'backgrounds')
  const layout: DataLayout = {
    root,
    backgrounds,
    backgroundsReady: Promise.resolve(),
    avatars: join(root, 'avatars'),
    live2d: join(root, 'live2d'),
    history: join(root, 'history'),
  }
  let current = root
  try {
    await ensureFolder(root)
    // Fail now, with a clear message, rather than at the first history write.
    const probe = join(root, `.write-test-${process.pid}`)
    await writeFile(probe, '')
    await unlink(probe)
    current = backgrounds
    const hasBackgrounds = await isDirectory(backgrounds)
    if (hasBackgrounds === false) {
      throw new CompanionStartError(`${backgrounds} exists but is not a folder`, 'Move that file away or choose another data folder.')
    }
    if (hasBackgrounds === undefined) layout.backgroundsReady = paintBackgrounds(backgrounds, log)
    const folders: Array<[string, Seeder | undefined]> = [
      [layout.avatars, seedAvatars],
      [layout.live2d, (dir) => writeFile(join(dir, 'README.txt'), LIVE2D_README)],
      [layout.history, undefined],
    ]
    for (const [path, seed] of folders) {
      current = path
      await ensureFolder(path, seed)
    }
  } catch (error) {
    throw error instanceof CompanionStartError ? error : startError(current, error)
  }
  return layout
}
