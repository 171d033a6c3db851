/**
 * Serves the built renderer from one folder: GET/HEAD only, no directory listings, nothing
 * outside the folder (dot segments, encoded slashes and symlinks that leave it are refused).
 */
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, relative, sep, isAbsolute } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export const MISSING_BUILD_HINT = 'The renderer is not built: run npm run build, then start again.'

function plain(res: ServerResponse, status: number, text: string, head = false): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(head ? undefined : text)
}

/** The file a URL path names inside `root`, or `undefined` when it would leave it or is malformed. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  // Refuse rather than normalize: a request that needs fixing up is not one the renderer makes.
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '.' || s === '..')) return undefined
  const file = join(root, ...(segments.length ? segments : ['index.html']))
  const rel = relative(root, file)
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined
  return file
}

async function isInside(root: string, file: string): Promise<boolean> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
  return realFile === realRoot || realFile.startsWith(realRoot + sep)
}

/**
 * Answers one request from `root`. Headers already set on `res` (the security headers) are kept.
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const head = req.method === 'HEAD'
  if (req.method !== 'GET' && !head) {
    res.setHeader('Allow', 'GET, HEAD')
    return plain(res, 405, 'Method not allowed')
  }
  const indexStat = await stat(join(root, 'index.html')).catch(() => undefined)
  if (!indexStat?.isFile()) return plain(res, 503, MISSING_BUILD_HINT, head)

  const pathname = (req.url ?? '/').split('?')[0] ?? '/'
  const file = resolveInside(root, pathname)
  if (!file) return plain(res, 400, 'Bad path', head)
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile() || !(await isInside(root, file))) return plain(res, 404, 'Not found', head)

  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': info.size,
    // Built assets carry a content hash in their names; index.html must be re-read on every launch.
    'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  if (head) return void res.end()
  const stream = createReadStream(file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
