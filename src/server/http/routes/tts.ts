/**
 * `POST /v1/tts/synthesize`: `{ text, reference_id?, output_format? }` → `{ audio_data, format: "base64" }`.
 * Bounded: at most `MAX_TTS_TEXT` characters a request (413 above: a longer text is sent in parts,
 * as the chat stream's sentences are), and a few syntheses at once (429 when every place is taken).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { CompanionContext } from '../../context'
import { messageOf } from '../../../shared/errors'
import { synthesizeText } from '../../tts/synthesize'
import { TtsError } from '../../tts/types'
import { HttpError, readJsonBody, sendError, sendJson } from '../respond'

/** About five minutes of speech (a ~25 MB WAV); one request's time and memory stay bounded. */
export const MAX_TTS_TEXT = 5_000

const requestSchema = z.object({
  text: z.string(),
  reference_id: z.string().max(200).nullish(),
  /** `bytes` answers with the WAV itself (`audio/wav`) instead of JSON. */
  output_format: z.enum(['base64', 'bytes']).nullish(),
})

export async function handleSynthesize(ctx: CompanionContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req, 256 * 1024)
  const parsed = requestSchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new HttpError(422, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`)
  }
  const { text, reference_id: referenceId, output_format: outputFormat } = parsed.data
  if (text.trim() === '') throw new HttpError(422, 'text must not be empty')
  if (text.length > MAX_TTS_TEXT) {
    throw new HttpError(413, `Text too long to speak in one request: ${text.length} characters, the limit is ${MAX_TTS_TEXT}. Send it in parts (by sentences).`)
  }
  const admission = ctx.synthesis.admit(req.socket.remoteAddress ?? '')
  if (!admission) {
    res.setHeader('Retry-After', '1')
    throw new HttpError(429, 'Too many speech requests at once: try again when one has finished')
  }

  // A client that hangs up stops the synthesis, or leaves the queue.
  const controller = new AbortController()
  res.on('close', () => {
    controller.abort()
    admission.release()
  })
  let wav: Uint8Array
  try {
    await admission.turn
    if (controller.signal.aborted) return
    wav = await synthesizeText(ctx.tts, text, referenceId ?? undefined, controller.signal)
  } catch (error) {
    if (controller.signal.aborted) return
    ctx.log(`tts: ${messageOf(error)}`)
    return sendError(res, 500, error instanceof TtsError ? error.message : `Synthesis failed: ${messageOf(error)}`)
  } finally {
    admission.release()
  }
  if (outputFormat === 'bytes') {
    res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': wav.length, 'Cache-Control': 'no-store' })
    res.end(wav)
    return
  }
  sendJson(res, 200, { audio_data: Buffer.from(wav).toString('base64'), format: 'base64' })
}
