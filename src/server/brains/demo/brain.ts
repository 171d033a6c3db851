/**
 * The offline demo brain: no model, a few honest rules (see replies.ts), streamed token by token
 * at a natural pace so the app's streaming, speech, tool cards and markdown all get exercised.
 */
import { randomUUID } from 'node:crypto'
import type { Brain, BrainEvent, BrainInput } from '../types'
import type { Tool } from '../../tools/types'
import { EMPTY, GREETING, HELP, MARKDOWN, STORY, THANKS, imagesNote, otherReply, timeReply, topicOf } from './replies'

export interface DemoBrainOptions {
  /** Pause between tokens. Default 30 ms; tests use 0. */
  tokenDelayMs?: number
  now?: () => Date
}

/**
 * Words with their leading space, cut one at a time (the first is out before the rest are cut);
 * an emotion tag's `[` becomes its own token, as model tokenizers do.
 */
export function* demoTokens(text: string): Generator<string> {
  for (const [token] of text.matchAll(/\s*\S+|\s+$/g)) {
    const tag = /^(\s*\[)(\w+\].*)$/.exec(token)
    if (tag) yield* [tag[1] as string, tag[2] as string]
    else yield token
  }
}

/** The two tokens of an emotion tag (`[`, `happy]`). */
const TAG_PART = /^\s*\[$|^\w+\]$/

/** Waits `ms` (or one macrotask at 0, so socket frames such as interrupts get through); an abort ends it early. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms === 0) return new Promise((resolve) => setImmediate(resolve))
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

function findClock(input: BrainInput): Tool | undefined {
  return input.tools.get('get_current_time') ?? input.tools.list().find((tool) => /time|clock/i.test(tool.name))
}

/** The readable time in a clock tool's result (`{ text }`, `{ local }`, `{ iso }` or a string). */
function timeText(result: unknown): string | undefined {
  if (typeof result === 'string' && result.trim()) return result.trim()
  if (typeof result !== 'object' || result === null) return undefined
  for (const key of ['text', 'local', 'iso', 'time']) {
    const value = (result as Record<string, unknown>)[key]
    if (typeof value === 'string' && value.trim()) return value.trim()
  }
  return undefined
}

export function createDemoBrain(options: DemoBrainOptions = {}): Brain {
  const delayMs = Math.max(0, options.tokenDelayMs ?? 30)
  const now = options.now ?? (() => new Date())
  const clockText = (): string => new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short' }).format(now())

  async function* tellTime(input: BrainInput): AsyncGenerator<BrainEvent, string> {
    const tool = findClock(input)
    if (!tool) return timeReply(clockText(), false)
    const callId = randomUUID()
    const args = {}
    yield { type: 'tool_call', callId, name: tool.name, args }
    const result = await tool.run(args, {
      userId: input.userId,
      agentId: input.agentId,
      conversationId: input.conversationId,
      signal: input.signal,
    })
    yield { type: 'tool_result', callId, name: tool.name, result }
    const text = timeText(result)
    return text ? timeReply(text, true) : timeReply(clockText(), false)
  }

  return {
    kind: 'demo',
    describe: () => 'offline demo (rule-based, no language model)',
    async *respond(input: BrainInput): AsyncGenerator<BrainEvent> {
      const said = input.messages.at(-1)?.content ?? ''
      let text = input.images?.length ? imagesNote(input.images.length) : ''
      const topic = topicOf(said)
      if (topic === 'time') text += yield* tellTime(input)
      else if (topic === 'story') text += STORY
      else if (topic === 'markdown') text += MARKDOWN
      else if (topic === 'help') text += HELP
      else if (topic === 'thanks') text += THANKS
      else if (topic === 'greeting') text += GREETING
      else if (topic === 'empty') text += input.images?.length ? '' : EMPTY
      else text += otherReply(said)
      for (const token of demoTokens(text.trimEnd())) {
        if (input.signal.aborted) return
        yield { type: 'token', text: token }
        // An emotion tag is not shown: it costs no pause, so the first visible word comes at once.
        if (!TAG_PART.test(token)) await pause(delayMs, input.signal)
      }
    },
  }
}
