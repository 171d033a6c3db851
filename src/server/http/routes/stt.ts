/**
 * `POST /v1/stt/transcribe` (a Mira extension, advertised in `/v1/health` as `stt`): the body is a
 * 16 kHz mono 16-bit WAV (`Content-Type: audio/wav`), `?language=en` optional; the answer is
 * `{ text, engine }`. Without a recogniser: 501, saying so.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CompanionContext } from '../../context'
import { messageOf } from '../../../shared/errors'
import { SttError } from '../../stt/types'
import { HttpError, sendError, sendJson } from '../respond'

export const MAX_STT_BYTES = 25 * 1024 * 1024

async function readAudio(req: IncomingMessage): Promise<Uint8Array> {
  if (!/^audio\/(wav|wave|x-wav)\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send the audio as audio/wav')
  if (Number(req.headers['content-length'] ?? 0) > MAX_STT_BYTES) throw new HttpError(413, `Audio too large (max ${MAX_STT_BYTES} bytes)`)
  const parts: Buffer[] = []
  let size = 0
  for await (const part of req) {
    size += (part as Buffer).length
    if (size > MAX_STT_BYTES) throw new HttpError(413, `Audio too large (max ${MAX_STT_BYTES} bytes)`)
    parts.push(part as Buffer)
  }
  return Buffer.concat(parts)
}

export async function handleTranscribe(ctx: CompanionContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!ctx.stt) throw new HttpError(501, 'This server has no speech recognition engine (install pocketsphinx, or set MIRA_WHISPER_CLI and MIRA_WHISPER_MODEL)')
  const language = url.searchParams.get('language') ?? ''
  if (!/^([a-z]{2,3})?$/.test(language)) throw new HttpError(422, 'language: use a code such as en or ja')
  const wav = await readAudio(req)
  const controller = new AbortController()
  res.on('close', () => controller.abort())
  try {
    const text = await ctx.stt.transcribe(wav, { ...(language ? { language } : {}), signal: controller.signal })
    sendJson(res, 200, { text, engine: ctx.stt.describe() })
  } catch (error) {
    if (controller.signal.aborted) return
    if (error instanceof SttError && error.kind === 'bad-audio') return sendError(res, 422, error.message)
    ctx.log(`stt: ${messageOf(error)}`)
    sendError(res, 500, `Transcription failed: ${messageOf(error)}`)
  }
}
