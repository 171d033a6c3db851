/**
 * A brain backed by any OpenAI-compatible Chat Completions server (Ollama, LM Studio, llama.cpp,
 * OpenAI). It streams text, and runs the registry's tools itself: a tool round appends the
 * assistant's tool calls and the results, then asks the model again, a bounded number of times.
 */
import type { Tool } from '../../tools/types'
import { BrainError, type Brain, type BrainEvent, type BrainInput } from '../types'
import { excerpt, UpstreamHttpError } from './failures'
import { buildMessages, wireTools } from './messages'
import { parseOpenAiOptions, type OpenAiBrainOptions, type OpenAiSettings } from './options'
import { ToolCallAccumulator, type AssembledCall } from './tool-calls'
import { STREAM_DONE, streamEvents } from './upstream'
import { chunkSchema, errorText, type WireMessage } from './wire'
import { messageOf } from '../../../shared/errors'

interface RoundResult {
  text: string
  calls: AssembledCall[]
}

class OpenAiBrain implements Brain {
  readonly kind = 'openai'
  /** Set once the server said the model cannot take tools (Ollama: "does not support tools"). */
  private toolsUnsupported = false
  private readonly fetch: typeof fetch
  private readonly log: (line: string) => void

  constructor(
    private readonly settings: OpenAiSettings,
    options: OpenAiBrainOptions,
  ) {
    this.fetch = options.fetch ?? globalThis.fetch
    this.log = options.log ?? (() => undefined)
  }

  describe(): string {
    return `openai-compatible ${this.settings.model} at ${this.settings.baseUrl}`
  }

  async *respond(input: BrainInput): AsyncGenerator<BrainEvent, void, undefined> {
    const messages = buildMessages(input)
    const tools = input.tools.list()
    for (let round = 0; ; round++) {
      const offered = round < this.settings.maxToolRounds ? tools : []
      const { text, calls } = yield* this.round(messages, offered, input.signal, round)
      if (calls.length === 0) return
      if (offered.length === 0 || this.toolsUnsupported) {
        // Tools were not offered this time: a stray call is ignored if the model also answered.
        if (text.trim() !== '') return
        throw new BrainError(
          tools.length > 0 && round >= this.settings.maxToolRounds
            ? `The model kept calling tools after ${this.settings.maxToolRounds} rounds without answering`
            : 'The model called a tool although none was offered',
        )
      }
      const decoded = calls.map((call) => ({ ...call, args: decodeArgs(call.arguments) }))
      messages.push({
        role: 'assistant',
        content: text === '' ? null : text,
        // Invalid arguments are replayed as `{}`: some servers reject the history otherwise.
        tool_calls: decoded.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.args.ok ? call.arguments || '{}' : '{}' },
        })),
      })
      for (const call of decoded) {
        yield { type: 'tool_call', callId: call.id, name: call.name, args: call.args.ok ? call.args.value : call.arguments }
        const result = call.args.ok
          ? await runTool(input.tools.get(call.name), call.name, call.args.value, tools, input)
          : { error: `The arguments for "${call.name}" are not valid JSON: ${excerpt(call.arguments)}` }
        input.signal.throwIfAborted()
        yield { type: 'tool_result', callId: call.id, name: call.name, result }
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) ?? 'null' })
      }
    }
  }

  /** One streamed completion: yields its tokens, returns its text and tool calls. */
  private async *round(
    messages: WireMessage[],
    tools: Tool[],
    signal: AbortSignal,
    round: number,
  ): AsyncGenerator<BrainEvent, RoundResult, undefined> {
    const offer = tools.length > 0 && !this.toolsUnsupported
    const body = {
      model: this.settings.model,
      messages,
      stream: true,
      ...(offer ? { tools: wireTools(tools) } : {}),
      ...(this.settings.temperature === undefined ? {} : { temperature: this.settings.temperature }),
    }
    const accumulator = new ToolCallAccumulator()
    let text = ''
    let complete = false
    try {
      for await (const event of this.stream(body, signal)) {
        if (event === STREAM_DONE) {
          complete = true
          continue
        }
        const parsed = chunkSchema.safeParse(event)
        if (!parsed.success) throw new BrainError(`The model server sent an unexpected event: ${excerpt(JSON.stringify(event))}`)
        const chunk = parsed.data
        if (chunk.error) throw new BrainError(`The model server reported an error: ${errorText(chunk.error) ?? 'unknown'}`)
        const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0)
        if (!choice) continue
        const delta = choice.delta ?? choice.message
        if (delta?.content) {
          text += delta.content
          yield { type: 'token', text: delta.content }
        }
        for (const call of delta?.tool_calls ?? []) accumulator.add(call)
        if (choice.finish_reason) complete = true
      }
    } catch (error) {
      const nothingYet = text === '' && accumulator.size === 0
      if (offer && nothingYet && isToolsRefusal(error)) {
        this.toolsUnsupported = true
        this.log(`model ${this.settings.model} does not support tools; continuing without them`)
        return yield* this.round(messages, tools, signal, round)
      }
      throw error
    }
    if (!complete) throw new BrainError('The model server ended the stream before the answer was complete')
    return { text, calls: accumulator.finish(round) }
  }

  private stream(body: unknown, signal: AbortSignal): AsyncGenerator<unknown, void, undefined> {
    const { baseUrl, apiKey, model, timeoutMs, idleTimeoutMs } = this.settings
    return streamEvents({
      url: `${baseUrl}/chat/completions`,
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      body,
      signal,
      timeoutMs,
      idleTimeoutMs,
      model,
      fetch: this.fetch,
    })
  }
}

function isToolsRefusal(error: unknown): boolean {
  return error instanceof UpstreamHttpError && error.status === 400 && /\btools?\b/i.test(error.detail)
}

function decodeArgs(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

async function runTool(tool: Tool | undefined, name: string, args: unknown, offered: Tool[], input: BrainInput): Promise<unknown> {
  if (!tool) {
    const names = offered.map((candidate) => candidate.name).join(', ')
    return { error: `Unknown tool "${name}"${names ? `; available tools: ${names}` : ''}` }
  }
  try {
    const result = await tool.run(args, {
      userId: input.userId,
      agentId: input.agentId,
      conversationId: input.conversationId,
      signal: input.signal,
    })
    return result === undefined ? null : result
  } catch (error) {
    return { error: `${name} failed: ${messageOf(error)}` }
  }
}

export function createOpenAiBrain(options: OpenAiBrainOptions): Brain {
  return new OpenAiBrain(parseOpenAiOptions(options), options)
}
