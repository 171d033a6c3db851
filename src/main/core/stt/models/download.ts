/**
 * Downloads one file with progress, resume and a checksum. The bytes go to `<dest>.part`; a
 * download cut short (network lost, cancelled, disk full) keeps them, and the next one asks only
 * for the rest (HTTP `Range`). The file is checked against its digest before it is renamed to
 * `dest`, so `dest` only ever holds a whole, verified file; a file that fails the check is removed.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { messageOf } from '../../../../shared/errors'

export type DownloadErrorKind = 'not-found' | 'http' | 'network' | 'disk-full' | 'checksum' | 'cancelled' | 'io'

export class DownloadError extends Error {
  override name = 'DownloadError'
  constructor(
    readonly kind: DownloadErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface DownloadRequest {
  url: string
  dest: string
  checksum: { algorithm: 'sha1' | 'sha256'; hex: string }
  signal?: AbortSignal
  /** Bytes on disk so far and the whole length (when the server says it). */
  onProgress?: (received: number, total: number | undefined) => void
}

export const partFile = (dest: string): string => `${dest}.part`

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch {
    return 0
  }
}

/** The whole length from `Content-Range: bytes a-b/total` or, for a full answer, `Content-Length`. */
function totalOf(response: Response, start: number): number | undefined {
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '')
  if (range) return Number(range[1])
  const length = Number(response.headers.get('content-length') ?? NaN)
  return Number.isFinite(length) ? start + length : undefined
}

async function request(url: string, from: number, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await fetch(url, { headers: from > 0 ? { Range: `bytes=${from}-` } : {}, redirect: 'follow', ...(signal ? { signal } : {}) })
  } catch (error) {
    if (signal?.aborted) throw new DownloadError('cancelled', 'The download was cancelled')
    throw new DownloadError('network', `Cannot reach ${new URL(url).host}: ${messageOf((error as { cause?: unknown }).cause ?? error)}`, { cause: error })
  }
}

function writeFailure(error: unknown): DownloadError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DownloadError('disk-full', 'The disk is full: free some space and download again (it resumes where it stopped)', { cause: error })
  return new DownloadError('io', `Cannot write the file: ${messageOf(error)}`, { cause: error })
}

async function digestOf(file: string, algorithm: string): Promise<string> {
  const hash = createHash(algorithm)
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}

export async function downloadFile(req: DownloadRequest): Promise<void> {
  const part = partFile(req.dest)
  const host = new URL(req.url).host
  let from = await sizeOf(part)
  let response = await request(req.url, from, req.signal)
  // The part is already whole (or longer than the file): start again rather than guess.
  if (response.status === 416 && from > 0) {
    await response.body?.cancel()
    await rm(part, { force: true })
    from = 0
    response = await request(req.url, 0, req.signal)
  }
  if (response.status === 404) throw new DownloadError('not-found', `${req.url} was not found (HTTP 404)`)
  if (!response.ok || !response.body) throw new DownloadError('http', `${host} answered HTTP ${response.status}`)
  // A server that ignores Range sends the whole file: write it from the start.
  const append = response.status === 206 && from > 0
  if (!append) from = 0
  const total = totalOf(response, from)
  let received = from
  req.onProgress?.(received, total)
  // Each piece is on disk before the next is read: whatever came before a cut is kept for the resume.
  const file = await open(part, append ? 'a' : 'w', 0o600).catch((error: unknown) => {
    throw writeFailure(error)
  })
  try {
    const reader = response.body.getReader()
    for (;;) {
      const piece = await reader.read().catch((error: unknown) => {
        if (req.signal?.aborted) throw new DownloadError('cancelled', 'The download was cancelled')
        throw new DownloadError('network', `The connection to ${host} was lost: ${messageOf((error as { cause?: unknown }).cause ?? error)}`, { cause: error })
      })
      if (piece.done) break
      await file.write(piece.value).catch((error: unknown) => {
        void reader.cancel()
        throw writeFailure(error)
      })
      received += piece.value.length
      req.onProgress?.(received, total)
    }
  } finally {
    await file.close()
  }
  if (total !== undefined && received < total) throw new DownloadError('network', `The connection to ${host} ended after ${received} of ${total} bytes`)
  const digest = await digestOf(part, req.checksum.algorithm)
  if (digest !== req.checksum.hex.toLowerCase()) {
    await rm(part, { force: true })
    throw new DownloadError('checksum', `The downloaded file does not match its ${req.checksum.algorithm.toUpperCase()} checksum (got ${digest.slice(0, 12)}…, expected ${req.checksum.hex.slice(0, 12)}…): it was removed`)
  }
  await rename(part, req.dest)
}
