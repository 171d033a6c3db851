/**
 * The `mira-bg:` protocol: the user's own background images, from `<dataDir>/backgrounds/` only.
 * The core decides which URL names which stored file (anything else: 404); this only answers.
 * Written against a small structural type so it runs in Node tests with a fake.
 */
import { LOCAL_BACKGROUND_SCHEME } from '../../shared/background-image'
import { LOCAL_CHARACTER_SCHEME } from '../../shared/avatar/files'
import type { LocalBackgroundFiles } from '../core/host/dispatch'

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready: a standard, secure scheme — no fetch, no CORS, no service workers. */
export const BACKGROUND_SCHEME = { scheme: LOCAL_BACKGROUND_SCHEME, privileges: { standard: true, secure: true } }
/** The user's characters and Live2D runtimes (`mira-character:`): model loaders fetch them. */
export const CHARACTER_SCHEME = { scheme: LOCAL_CHARACTER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }

export interface ProtocolHandler {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void
}

/**
 * Serves `files` under `scheme`. The characters' scheme answers the app page's fetches and XHRs
 * (model loaders), which come from the page's `file:` origin: it allows them by CORS.
 */
export function serveBackgroundProtocol(protocol: ProtocolHandler, files: LocalBackgroundFiles, scheme = LOCAL_BACKGROUND_SCHEME): void {
  const cors: Record<string, string> = scheme === LOCAL_CHARACTER_SCHEME ? { 'Access-Control-Allow-Origin': '*' } : {}
  protocol.handle(scheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 })
    const image = await files.open(request.url)
    if (!image) return new Response('Not found', { status: 404 })
    return new Response(request.method === 'HEAD' ? null : image.bytes, {
      headers: { 'Content-Type': image.contentType, 'Content-Length': String(image.bytes.length), 'Cache-Control': 'no-cache', ...cors },
    })
  })
}
