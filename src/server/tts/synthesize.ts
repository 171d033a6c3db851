/**
 * Synthesizes text of any length: split into sentences (the same chunker as the chat stream, so
 * markdown, emoji and emotion tags are not read aloud), grouped up to the engine's limit, then
 * joined into one WAV. Nothing is ever dropped to fit a limit.
 */
import { SentenceChunker } from '../../shared/speech'
import { concatWavs, silentWav } from './wav'
import type { TtsEngine } from './types'

export function splitForSpeech(text: string, maxChars: number): string[] {
  const chunker = new SentenceChunker({ maxLength: Math.min(maxChars, 300) })
  const sentences = [...chunker.push(text), ...chunker.flush()].map((c) => c.text)
  const pieces: string[] = []
  for (const sentence of sentences) {
    const last = pieces.at(-1)
    if (last !== undefined && last.length + 1 + sentence.length <= maxChars) pieces[pieces.length - 1] = `${last} ${sentence}`
    else pieces.push(sentence)
  }
  return pieces
}

export async function synthesizeText(engine: TtsEngine, text: string, voice?: string, signal?: AbortSignal): Promise<Uint8Array> {
  const pieces = splitForSpeech(text, engine.maxChars)
  // Only emoji or code: a valid, silent file beats an error the client has to special-case.
  if (pieces.length === 0) return silentWav()
  // All at once: an engine with several workers synthesizes them side by side; the order is kept.
  const wavs = await Promise.all(pieces.map((piece) => engine.synthesize({ text: piece, ...(voice ? { voice } : {}), ...(signal ? { signal } : {}) })))
  return concatWavs(wavs)
}
