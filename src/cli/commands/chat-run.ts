/** What `mira chat` does, loaded only when it runs (its imports are the heavy part of the CLI). */
import { ChatLink } from '../../main/core/link/chat-link'
import { createProtocol, resolveKind } from '../../main/core/protocols/registry'
import { SERVER_KINDS, type ServerKind } from '../../shared/protocol/kinds'
import { integerFlag, secondsFlag, textFlag, UsageError } from '../args'
import { coalescedOutput } from '../chat/coalesced-output'
import { jsonRenderer, textRenderer } from '../chat/render'
import { TurnRunner } from '../chat/run-turn'
import { terminalSafe } from '../chat/terminal-safe'
import { chooseServer, loadCliConfig } from '../config'
import { ExitCode } from '../exit-codes'
import { complain, type CliIo } from '../io'
import type { ParsedArgs } from '../command'
import { DEFAULT_TIMEOUT_S, type ChatOptions } from './chat'

export async function runChat({ values, positionals }: ParsedArgs<ChatOptions>, io: CliIo): Promise<number> {
  const timeoutS = secondsFlag('timeout', values.timeout) ?? DEFAULT_TIMEOUT_S
  const silenceFlag = integerFlag('silence-timeout', values['silence-timeout'], 100, 3_600_000)
  const agentFlag = textFlag('agent-id', values['agent-id'])
  const userFlag = textFlag('user-id', values['user-id'])
  const tokenFlag = textFlag('token', values.token)
  const sessionFlag = textFlag('session-id', values['session-id'])
  const kindFlag = protocolFlag(values.protocol)
  const content = await readMessage(positionals, io)

  const config = await loadCliConfig(io)
  const server = chooseServer(config, io.env, { server: values.server, token: tokenFlag })
  const silenceTimeoutMs = silenceFlag ?? config.settings.server.silenceTimeoutMs
  // The settings' kind belongs to the settings' server; another address is told apart by its path.
  const kind = resolveKind(kindFlag ?? (values.server || io.env.MIRA_SERVER ? 'auto' : config.settings.server.kind), server.url)
  if (kind === undefined) throw new UsageError(`cannot tell which protocol ${server.url} speaks: pass --protocol`)
  const protocol = createProtocol(kind, sessionFlag ? { sessionId: sessionFlag } : {})
  if (!protocol) throw new UsageError(`--protocol ${kind} is not yet supported`)
  if (kind === 'dmp' && !server.token) {
    complain(io, "no token: pass --token, set MIRA_TOKEN, or save the server token in the app's Settings (a `mira serve` on this machine needs none)")
    if (values.json) io.stdout.write(`${JSON.stringify({ event: 'error', kind: 'auth', error: 'no token' })}\n`)
    return ExitCode.authFailed
  }
  const persona = values.persona ?? (config.settings.persona || undefined)
  const token = server.token
  const link = new ChatLink({ url: server.url, getToken: () => token, autoReconnect: false, silenceTimeoutMs, protocol })
  const output = coalescedOutput(io.stdout, io.stderr)
  const renderer = values.json ? jsonRenderer(output.stdout) : textRenderer(output.stdout, output.stderr)
  const runner = new TurnRunner(
    link,
    protocol,
    {
      content,
      agentId: agentFlag ?? config.settings.agentId,
      userId: userFlag ?? config.settings.userId,
      ...(values.conversation ? { conversationId: values.conversation } : {}),
      ...(persona ? { persona } : {}),
    },
    { timeoutMs: timeoutS * 1000, silenceTimeoutMs, onEvent: (event) => renderer.onEvent(event) },
  )
  const stopSignals = io.onStopSignal(() => runner.interrupt())
  try {
    const outcome = await runner.run()
    output.flush()
    // Both carry the server's words, and stderr is a terminal even with --json.
    if (outcome.failure) complain(io, terminalSafe(outcome.failure))
    else if (outcome.conversationId) io.stderr.write(`conversation: ${terminalSafe(outcome.conversationId)}\n`)
    return outcome.exitCode
  } finally {
    output.flush()
    stopSignals()
    await link.stop()
  }
}

/** `--protocol`: one of the server kinds. */
export function protocolFlag(value: string | undefined): ServerKind | undefined {
  if (value === undefined) return undefined
  const kind = SERVER_KINDS.find((k) => k === value)
  if (!kind) throw new UsageError(`--protocol must be one of ${SERVER_KINDS.join(', ')}`)
  return kind
}

/** The message: the positional words, or stdin for `-`. */
async function readMessage(positionals: string[], io: CliIo): Promise<string> {
  if (positionals.length === 0) throw new UsageError('no message given')
  if (positionals.includes('-')) {
    if (positionals.length > 1) throw new UsageError('"-" (read the message from stdin) must be the only argument')
    const text = (await readAll(io.stdin)).replace(/\r?\n$/, '')
    if (text.trim() === '') throw new UsageError('the message read from stdin is empty')
    return text
  }
  const text = positionals.join(' ')
  if (text.trim() === '') throw new UsageError('the message is empty')
  return text
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}
