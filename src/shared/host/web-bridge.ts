/**
 * Web mode's wire format between the browser and the Node web host (loopback WebSocket).
 * Requests carry an id; the host answers each with a result or an error. Events come in batches.
 */
import { z } from 'zod'
import { HOST_COMMAND_NAMES } from './channels'
import { hostErrorSchema, hostEventBatchSchema } from './index'

export const WEB_BRIDGE_PATH = '/bridge'

export const webRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  command: z.enum(HOST_COMMAND_NAMES),
  request: z.unknown().optional(),
})
export type WebRequest = z.infer<typeof webRequestSchema>

export const webHostMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number(), response: z.unknown() }),
  z.object({ kind: z.literal('error'), id: z.number(), error: hostErrorSchema }),
  z.object({ kind: z.literal('events'), events: hostEventBatchSchema }),
])
export type WebHostMessage = z.infer<typeof webHostMessageSchema>

/**
 * A result carrying bytes (speech audio) travels as one binary message instead of base64 in JSON:
 * a 4-byte little-endian length, that many bytes of the result's JSON, in which each byte field of
 * the response reads `{ "$bytes": [offset, length] }`, then the bytes themselves.
 */
export function encodeResult(id: number, response: unknown): string | Uint8Array {
  const fields = typeof response === 'object' && response !== null ? Object.entries(response) : []
  if (!fields.some(([, value]) => value instanceof Uint8Array)) return JSON.stringify({ kind: 'result', id, response } satisfies WebHostMessage)
  const blobs: Uint8Array[] = []
  let offset = 0
  const header = Object.fromEntries(
    fields.map(([key, value]) => {
      if (!(value instanceof Uint8Array)) return [key, value]
      blobs.push(value)
      offset += value.length
      return [key, { $bytes: [offset - value.length, value.length] }]
    }),
  )
  const json = new TextEncoder().encode(JSON.stringify({ kind: 'result', id, response: header }))
  const out = new Uint8Array(4 + json.length + offset)
  new DataView(out.buffer).setUint32(0, json.length, true)
  out.set(json, 4)
  let at = 4 + json.length
  for (const blob of blobs) {
    out.set(blob, at)
    at += blob.length
  }
  return out
}

const bytesRefSchema = z.object({ $bytes: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]) }).strict()

/** The message `encodeResult` made, with its byte fields as `Uint8Array`s; undefined when malformed. */
export function decodeBinaryResult(data: ArrayBuffer): unknown {
  if (data.byteLength < 4) return undefined
  const length = new DataView(data).getUint32(0, true)
  if (4 + length > data.byteLength) return undefined
  let message: unknown
  try {
    message = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, length)))
  } catch {
    return undefined
  }
  if (typeof message !== 'object' || message === null || !('response' in message)) return undefined
  const { response } = message
  if (typeof response !== 'object' || response === null) return message
  const body = 4 + length
  const fields = Object.entries(response).map(([key, value]) => {
    const ref = bytesRefSchema.safeParse(value)
    if (!ref.success) return [key, value]
    const [offset, size] = ref.data.$bytes
    return body + offset + size <= data.byteLength ? [key, new Uint8Array(data, body + offset, size)] : [key, undefined]
  })
  return { ...message, response: Object.fromEntries(fields) }
}
