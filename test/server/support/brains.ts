/** Brains for tests: scripted, endless (until aborted), failing. */
import { BrainError, type Brain, type BrainEvent, type BrainInput } from '../../../src/server/brains/types'

export interface RecordingBrain extends Brain {
  inputs: BrainInput[]
}

function recording(kind: string, respond: (input: BrainInput) => AsyncIterable<BrainEvent>): RecordingBrain {
  const inputs: BrainInput[] = []
  return {
    kind,
    inputs,
    describe: () => `test ${kind}`,
    respond(input) {
      inputs.push(input)
      return respond(input)
    },
  }
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Streams these tokens, one macrotask apart. */
export function scriptedBrain(script: (input: BrainInput) => BrainEvent[]): RecordingBrain {
  return recording('scripted', async function* (input) {
    for (const event of script(input)) {
      yield event
      await tick()
    }
  })
}

export const tokens = (...texts: string[]): BrainEvent[] => texts.map((text) => ({ type: 'token', text }))

/**
 * Streams "word " every `intervalMs` until aborted. With `ignoreAbort`, it never looks at the
 * signal (a misbehaving brain) and stops only after `maxTokens`.
 */
export function endlessBrain(options: { intervalMs?: number; ignoreAbort?: boolean; maxTokens?: number } = {}): RecordingBrain {
  return recording('endless', async function* (input) {
    for (let i = 0; i < (options.maxTokens ?? 10_000); i++) {
      if (!options.ignoreAbort && input.signal.aborted) return
      yield { type: 'token', text: i === 0 ? '[happy] Word.' : ' word.' }
      await tick(options.intervalMs ?? 5)
    }
  })
}

/** One token, then a BrainError. */
export function failingBrain(message = 'Upstream model is down', code = 500): RecordingBrain {
  return recording('failing', async function* () {
    yield { type: 'token', text: 'Partial ' }
    await tick()
    throw new BrainError(message, code)
  })
}
