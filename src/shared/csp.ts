/**
 * The renderer's Content-Security-Policy, built by the host (Electron shell or web host) for the
 * server in use: scripts only from the app itself; images, audio and model files also from the
 * agent server's REST origin, and nothing else remote.
 */
import { LOCAL_BACKGROUND_SCHEME } from './background-image'

export interface CspOptions {
  /** Origin of the agent server's REST base, e.g. `http://127.0.0.1:5500`. */
  serverOrigin?: string
  /** Extra `connect-src` entries (web mode: its own bridge WebSocket origin). */
  connect?: string[]
  /** Dev server: allow its HMR socket. */
  dev?: boolean
  /** Electron: the user's own backgrounds come from the `mira-bg:` protocol (web mode serves them from 'self'). */
  localBackgrounds?: boolean
}

export function buildCsp(options: CspOptions = {}): string {
  const server = options.serverOrigin ? [options.serverOrigin] : []
  const connect = ["'self'", ...server, ...(options.connect ?? []), ...(options.dev ? ['ws:'] : [])]
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'wasm-unsafe-eval': compiling WebAssembly (the local voice, espeak-ng); it allows no JavaScript eval.
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...(options.dev ? ["'unsafe-inline'"] : [])],
    // Vue's scoped styles ship as CSS files; inline style attributes are set through CSSOM.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...server, ...(options.localBackgrounds ? [`${LOCAL_BACKGROUND_SCHEME}:`] : [])],
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
