/**
 * "Test voice": a short sample through the chosen voice, outside the answer queue, so a failure
 * is reported to the person who pressed the button instead of switching voices behind their back.
 */
import type { EngineKind, SpeechEngine } from './engines/types'
import { reasonOf, type Reason } from './errors'
import type { Clip } from './queue'

export const SAMPLE_TEXT = 'Hello! This is how I sound when I read my answers to you.'

export type VoiceTestState =
  | { state: 'idle' }
  | { state: 'preparing' }
  | { state: 'speaking'; engine: EngineKind }
  | { state: 'done'; engine: EngineKind }
  | { state: 'failed'; failures: TestFailure[] }

/** Why the sample could not be played, per engine tried (worded by notes.ts). */
export type TestFailure =
  | { type: 'off' }
  | { type: 'stopped' }
  | { type: 'unavailable'; engine: EngineKind }
  | { type: 'failed'; engine: EngineKind; reason: Reason }

export interface SampleHandlers {
  started(engine: EngineKind): void
  ended(engine: EngineKind): void
}

export type SampleResult = { ok: true; engine: EngineKind; clip: Clip } | { ok: false; failures: TestFailure[] }

/**
 * Tries the engines in order (Automatic tries each) and starts the first sample that can be made.
 * Resolves once it plays, with its clip (to cancel), or with why no engine could say it.
 */
export async function playSample(engines: readonly SpeechEngine[], handlers: SampleHandlers, signal: AbortSignal): Promise<SampleResult> {
  if (engines.length === 0) return { ok: false, failures: [{ type: 'off' }] }
  const failures: TestFailure[] = []
  for (const engine of engines) {
    if (!(await engine.available())) {
      failures.push({ type: 'unavailable', engine: engine.kind })
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
      if (signal.aborted) return { ok: false, failures: [{ type: 'stopped' }] }
      failures.push({ type: 'failed', engine: engine.kind, reason: reasonOf(error) })
    }
  }
  return { ok: false, failures }
}
