/**
 * Web mode's route for the user's background images (`/local-backgrounds/<segment>/<file>`) and,
 * the same way, their characters and Live2D runtimes (`/local-characters/<segment>/<file>`).
 * An <img> cannot send the web key, so the guard is the path itself (a per-launch random segment
 * and a random file name, both from the core) plus the browser's own same-origin markers:
 * another site's page gets nothing, not even whether the image exists.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { LocalBackgroundFiles } from '../host/dispatch'

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

export async function serveLocalBackground(
  files: LocalBackgroundFiles | undefined,
  req: IncomingMessage,
  pathname: string,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    return plain(res, 405, 'Method not allowed')
  }
  // Browsers mark where a request comes from; only our own page may load these.
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin') return plain(res, 403, 'Forbidden')
  const image = files ? await files.open(pathname) : undefined
  if (!image) return plain(res, 404, 'Not found')
  res.writeHead(200, {
    'Content-Type': image.contentType,
    'Content-Length': image.bytes.length,
    'Cache-Control': 'private, no-cache',
    'Cross-Origin-Resource-Policy': 'same-origin',
  })
  res.end(req.method === 'HEAD' ? undefined : image.bytes)
}
