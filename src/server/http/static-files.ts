/**
 * Serves files from one folder (backgrounds, Live2D models): listed extensions only, no hidden
 * files, nothing outside the folder (dot segments, encoded slashes, backslashes, drive letters and
 * symlinks that leave it are all refused as "not found").
 */
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, sep } from 'node:path'
import { sendError } from './respond'

/** Path segments as sent (still percent-encoded) → safe decoded segments, or `undefined`. */
export function safeSegments(rawPath: string): string[] | undefined {
  const segments: string[] = []
  for (const raw of rawPath.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    if (segment === '' || segment.startsWith('.') || /[/\\:\0]/.test(segment)) return undefined
    segments.push(segment)
  }
  return segments.length ? segments : undefined
}

async function insideRoot(root: string, file: string): Promise<boolean> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
    return realFile.startsWith(realRoot + sep)
  } catch {
    return false
  }
}

/**
 * Answers GET/HEAD for `rawPath` (the part after the route prefix) from `root`.
 * `types` maps allowed extensions (lowercase, with the dot) to their Content-Type.
 */
export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  rawPath: string,
  types: Readonly<Record<string, string>>,
): Promise<void> {
  const segments = safeSegments(rawPath)
  const file = segments && join(root, ...segments)
  const type = file && types[extname(file).toLowerCase()]
  if (!file || !type || !(await insideRoot(root, file))) return sendError(res, 404, 'Not Found')
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) return sendError(res, 404, 'Not Found')
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    'Last-Modified': info.mtime.toUTCString(),
    'Cache-Control': 'public, max-age=300',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
