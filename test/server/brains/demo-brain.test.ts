/** The offline demo brain: honest, and exercising tools, long answers and markdown. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDemoBrain } from '../../../src/server/brains/demo'
import { demoTokens } from '../../../src/server/brains/demo/brain'
import type { BrainEvent, BrainInput } from '../../../src/server/brains/types'
import { createDefaultTools, createToolRegistry } from '../../../src/server/tools'
import type { ToolRegistry } from '../../../src/server/tools/types'

const NOON = new Date('2026-03-03T12:00:00Z')

function input(content: string, tools: ToolRegistry = createToolRegistry([]), extra: Partial<BrainInput> = {}): BrainInput {
  return {
    conversationId: 'c1',
    messages: [{ role: 'user', content }],
    signal: new AbortController().signal,
    tools,
    userId: 'ann',
    agentId: 'mira',
    ...extra,
  }
}

async function run(brainInput: BrainInput): Promise<{ events: BrainEvent[]; text: string }> {
  const events: BrainEvent[] = []
  for await (const event of createDemoBrain({ tokenDelayMs: 0, now: () => NOON }).respond(brainInput)) events.push(event)
  const text = events.map((e) => (e.type === 'token' ? e.text : '')).join('')
  return { events, text }
}

describe('demo brain', () => {
  it('says honestly that it is the offline demo and how to connect a model', async () => {
    const { text } = await run(input('Explain quantum physics'))
    expect(text).toMatch(/offline demo/)
    expect(text).toMatch(/Settings → Server/)
    expect(text).toMatch(/OpenAI-compatible endpoint such as Ollama/)
    expect(text).toMatch(/^\[thinking\] You said: “Explain quantum physics”/)
  })

  it('calls the registry clock tool for "what time is it"', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mira-demo-'))
    try {
      const { events, text } = await run(input('What time is it?', createDefaultTools({ dataDir, now: () => NOON })))
      const call = events.find((e) => e.type === 'tool_call')
      const result = events.find((e) => e.type === 'tool_result')
      expect(call).toMatchObject({ name: 'get_current_time', args: {} })
      expect(result).toMatchObject({ name: 'get_current_time', callId: call?.type === 'tool_call' ? call.callId : '' })
      expect(events.indexOf(call!)).toBeLessThan(events.findIndex((e) => e.type === 'token'))
      expect(text).toMatch(/2026/)
      expect(text).toMatch(/clock tool/)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('reads the clock itself, and says so, when there is no clock tool', async () => {
    const { events, text } = await run(input('what time is it'))
    expect(events.some((e) => e.type === 'tool_call')).toBe(false)
    expect(text).toMatch(/no clock tool.*read the computer's clock myself: it's .*2026/)
  })

  it('tells a long story with emotion tags, and shows markdown (list, code block, table)', async () => {
    const story = await run(input('tell me a story'))
    expect(story.text.length).toBeGreaterThan(1_000)
    expect(story.text.match(/\[(happy|sad|neutral|thinking|surprised)\]/g)?.length).toBeGreaterThan(5)
    const markdown = (await run(input('show me some markdown'))).text
    expect(markdown).toMatch(/^- /m)
    expect(markdown).toMatch(/^```ts$/m)
    expect(markdown).toMatch(/^\|-+\|/m)
  })

  it('mentions images it cannot see', async () => {
    const { text } = await run(input('', undefined, { images: ['data:image/png;base64,AAAA'] }))
    expect(text).toMatch(/received an image, but the offline demo can't look at pictures/)
  })

  it('streams word by word, splitting a tag the way model tokenizers do', () => {
    expect([...demoTokens('[happy] Hello there.')]).toEqual(['[', 'happy]', ' Hello', ' there.'])
  })

  it('stops streaming when aborted', async () => {
    const controller = new AbortController()
    const events: BrainEvent[] = []
    for await (const event of createDemoBrain({ tokenDelayMs: 5 }).respond(input('tell me a story', undefined, { signal: controller.signal }))) {
      events.push(event)
      if (events.length === 3) controller.abort()
    }
    expect(events).toHaveLength(3)
  })

  it('shows the first word at once: an emotion tag costs no pause', async () => {
    // A pause so long that waiting for it would time the test out.
    const brain = createDemoBrain({ tokenDelayMs: 600_000 })
    const controller = new AbortController()
    const tokens: string[] = []
    for await (const event of brain.respond(input('hello', createToolRegistry([]), { signal: controller.signal }))) {
      if (event.type === 'token') tokens.push(event.text)
      if (tokens.join('').includes('Hi,')) break
    }
    controller.abort()
    expect(tokens).toEqual(['[', 'happy]', ' Hi,'])
  })
})
