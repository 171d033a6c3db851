/**
 * The renderer's Content-Security-Policy, built by the host (Electron shell or web host) for the
 * server in use: scripts only from the app itself; images, audio and model files also from the
 * agent server's REST origin, and nothing else remote.
 */
import { LOCAL_BACKGROUND_SCHEME } from './background-image'
import { LOCAL_CHARACTER_SCHEME } from './avatar/files'

export interface CspOptions {
  /** Origin of the agent server's REST base, e.g. `http://127.0.0.1:5500`. */
  serverOrigin?: string
  /** Extra `connect-src` entries (web mode: its own bridge WebSocket origin). */
  connect?: string[]
  /** Dev server: allow its HMR socket. */
  dev?: boolean
  /** Electron: the user's own backgrounds come from the `mira-bg:` protocol (web mode serves them from 'self'). */
  localBackgrounds?: boolean
  /** Electron: the user's characters and Live2D runtimes come from `mira-character:` (web mode: 'self'). */
  localCharacters?: boolean
}

export function buildCsp(options: CspOptions = {}): string {
  const server = options.serverOrigin ? [options.serverOrigin] : []
  const characters = options.localCharacters ? [`${LOCAL_CHARACTER_SCHEME}:`] : []
  // blob:: a model's embedded textures are fetched back from blob URLs the loader makes (three's GLTFLoader).
  const connect = ["'self'", 'blob:', ...server, ...characters, ...(options.connect ?? []), ...(options.dev ? ['ws:'] : [])]
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'wasm-unsafe-eval': compiling WebAssembly (the local voice, espeak-ng); it allows no JavaScript eval.
    // The user's Live2D runtime is a script of theirs, served by the app from its data folder.
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...characters, ...(options.dev ? ["'unsafe-inline'"] : [])],
    // Vue's scoped styles ship as CSS files; inline style attributes are set through CSSOM.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...server, ...(options.localBackgrounds ? [`${LOCAL_BACKGROUND_SCHEME}:`] : []), ...characters],
    'media-src': ["'self'", 'data:', 'blob:', ...server],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}
