import { createToolRegistry } from '../../../src/server/tools/registry'
import type { BrainEvent, BrainInput } from '../../../src/server/brains/types'

export function brainInput(overrides: Partial<BrainInput> = {}): BrainInput {
  return {
    conversationId: 'conv-1',
    messages: [{ role: 'user', content: 'Hi!' }],
    persona: 'You are Mira.',
    signal: new AbortController().signal,
    tools: createToolRegistry([]),
    userId: 'user-1',
    agentId: 'mira',
    ...overrides,
  }
}

export async function collect(events: AsyncIterable<BrainEvent>): Promise<BrainEvent[]> {
  const seen: BrainEvent[] = []
  for await (const event of events) seen.push(event)
  return seen
}

/** The error the stream throws (fails the test if it does not throw). */
export async function failureOf(events: AsyncIterable<BrainEvent>): Promise<Error> {
  try {
    await collect(events)
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`threw a non-Error: ${String(error)}`, { cause: error })
  }
  throw new Error('the stream ended without an error')
}

export const tokensOf = (events: BrainEvent[]): string =>
  events.map((event) => (event.type === 'token' ? event.text : '')).join('')
