/**
 * Live2D's runtimes are proprietary and never shipped with Mira: the user supplies them once and
 * the app serves them from its own origin. This loads one as a script (the CSP allows only the
 * app's own scripts) before the engine, whose modules check for it when they load.
 */
import { AvatarLoadError } from '../types'

interface CubismCoreGlobal {
  Memory?: { initializeAmountOfMemory?: (size: number) => void }
  Moc?: unknown
  Model?: unknown
}

declare global {
  interface Window {
    Live2DCubismCore?: CubismCoreGlobal
    Live2D?: unknown
    Live2DModelWebGL?: unknown
  }
}

const loaded = new Map<string, Promise<void>>()

/** The runtime is there and looks like itself (a script that only sets the name is not one). */
function present(cubism: 2 | 4): boolean {
  if (cubism === 2) return window.Live2D !== undefined && typeof window.Live2DModelWebGL === 'function'
  const core = window.Live2DCubismCore
  return typeof core?.Moc === 'function' && typeof core.Model === 'function'
}

export function loadRuntime(cubism: 2 | 4, url: string | undefined): Promise<void> {
  if (present(cubism)) return Promise.resolve(shimOldCore())
  if (!url) return Promise.reject(new AvatarLoadError('missingCore', cubism === 4 ? 'live2dcubismcore.min.js' : 'live2d.min.js'))
  let loading = loaded.get(url)
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script')
      script.src = url
      script.onload = () => (present(cubism) ? resolve() : reject(new AvatarLoadError('badCore', 'the script defined no Live2D runtime')))
      script.onerror = () => reject(new AvatarLoadError('missingCore', 'the runtime file could not be loaded'))
      document.head.append(script)
    }).then(shimOldCore)
    loaded.set(url, loading)
    loading.catch(() => loaded.delete(url))
  }
  return loading
}

/**
 * Cores before 5 lack `Memory.initializeAmountOfMemory` (4.2 has no `Memory` at all), which current
 * engines call at start-up: a no-op keeps their fixed memory.
 */
export function shimOldCore(): void {
  const core = window.Live2DCubismCore
  if (!core) return
  core.Memory ??= {}
  if (typeof core.Memory.initializeAmountOfMemory !== 'function') core.Memory.initializeAmountOfMemory = () => undefined
}
