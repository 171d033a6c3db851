/** Reading a client's frames: raw bytes to text, their size, and the error a malformed frame gets. */
import type { RawData } from 'ws'
import { ErrorCode, type BadFrame } from '../../shared/protocol'

export function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8')
}

export function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, part) => n + part.length, 0) : data.byteLength
}

export function badFrameError(bad: BadFrame): { error: string; code: number | null } {
  switch (bad.reason) {
    case 'binary':
      return { error: 'Binary frames are not supported: send JSON text frames', code: null }
    case 'not-json':
      return { error: 'Invalid JSON format', code: null }
    case 'not-object':
    case 'missing-type':
      return { error: 'Missing message type', code: null }
    case 'unknown-type':
      return { error: `Unsupported message type: ${bad.frameType ?? ''}`, code: null }
    case 'invalid':
      return { error: bad.message, code: ErrorCode.badRequest }
  }
}
