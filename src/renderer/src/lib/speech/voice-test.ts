/**
 * "Test voice": a short sample through the chosen voice, outside the answer queue, so a failure
 * is reported to the person who pressed the button instead of switching voices behind their back.
 */
import type { EngineKind, SpeechEngine } from './engines/types'
import type { Clip } from './queue'

export const SAMPLE_TEXT = 'Hello! This is how I sound when I read my answers to you.'

export type VoiceTestState =
  | { state: 'idle' }
  | { state: 'preparing' }
  | { state: 'speaking'; engine: EngineKind }
  | { state: 'done'; engine: EngineKind }
  | { state: 'failed'; reason: string }

export interface SampleHandlers {
  started(engine: EngineKind): void
  ended(engine: EngineKind): void
}

export type SampleResult = { ok: true; engine: EngineKind; clip: Clip } | { ok: false; reason: string }

const UNAVAILABLE: Record<EngineKind, string> = {
  server: 'The server voice is not available',
  'web-speech': 'This system has no browser voices',
}

/**
 * Tries the engines in order (Automatic tries both) and starts the first sample that can be made.
 * Resolves once it plays, with its clip (to cancel), or with why no engine could say it.
 */
export async function playSample(engines: readonly SpeechEngine[], handlers: SampleHandlers, signal: AbortSignal): Promise<SampleResult> {
  if (engines.length === 0) return { ok: false, reason: 'The voice is off' }
  const reasons: string[] = []
  for (const engine of engines) {
    if (!(await engine.available())) {
      reasons.push(UNAVAILABLE[engine.kind])
      continue
    }
    try {
      const clip = await engine.prepare(SAMPLE_TEXT, signal)
      await new Promise<void>((resolve, reject) => {
        let playing = false
        clip.start({
          started: () => {
            playing = true
            handlers.started(engine.kind)
            resolve()
          },
          ended: () => handlers.ended(engine.kind),
          // Failing halfway is still the end of the sample; failing before it began is a failure.
          failed: (error) => (playing ? handlers.ended(engine.kind) : reject(error)),
        })
      })
      return { ok: true, engine: engine.kind, clip }
    } catch (error) {
      if (signal.aborted) return { ok: false, reason: 'Stopped' }
      reasons.push(`${capital(engine.label)} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return { ok: false, reason: reasons.join('; ') }
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
