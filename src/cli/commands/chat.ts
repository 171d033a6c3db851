/** `mira chat`: send one message, stream the answer, exit with a code that says how it went. */
import { ChatLink } from '../../main/core/link/chat-link'
import { integerFlag, secondsFlag, textFlag, UsageError } from '../args'
import { jsonRenderer, textRenderer } from '../chat/render'
import { TurnRunner } from '../chat/run-turn'
import { terminalSafe } from '../chat/terminal-safe'
import { defineCommand } from '../command'
import { chooseServer, loadCliConfig } from '../config'
import { ExitCode } from '../exit-codes'
import { complain, type CliIo } from '../io'

const options = {
  server: { type: 'string' },
  token: { type: 'string' },
  'agent-id': { type: 'string' },
  'user-id': { type: 'string' },
  conversation: { type: 'string' },
  persona: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  'silence-timeout': { type: 'string' },
} as const

const DEFAULT_TIMEOUT_S = 120

const synopsis = 'mira chat [options] MESSAGE'

const help = `Send one message to the agent server and print the answer as it streams.

Usage: ${synopsis}
       echo "hello" | mira chat -

Options:
  --server URL           chat server (ws://, wss://, http://, https:// or host:port)
  --token T              server token
  --agent-id ID          agent_id to send (default: settings, "mira")
  --user-id ID           user_id to send (default: settings, "local-user")
  --conversation ID      continue this conversation (printed as "conversation: <id>" after each answer)
  --persona TEXT         system prompt for this message
  --json                 one JSON object per event on stdout, nothing else
  --timeout S            give up after S seconds in all (default ${DEFAULT_TIMEOUT_S})
  --silence-timeout MS   treat the connection as dead after MS ms without data (default: settings, 75000)
  -h, --help             show this help

Defaults come from the app's settings (MIRA_DATA_DIR or the platform's config folder);
MIRA_SERVER and MIRA_TOKEN override them, and flags override both.

Exit codes: 0 answered · 2 token refused or missing · 3 server unreachable, connection lost or silent,
or timed out · 4 the server reported an error · 64 usage · 130 interrupted (Ctrl-C).
`

export const chatCommand = defineCommand({
  name: 'chat',
  summary: 'send one message and stream the answer',
  synopsis,
  help,
  options,
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const timeoutS = secondsFlag('timeout', values.timeout) ?? DEFAULT_TIMEOUT_S
    const silenceFlag = integerFlag('silence-timeout', values['silence-timeout'], 100, 3_600_000)
    const agentFlag = textFlag('agent-id', values['agent-id'])
    const userFlag = textFlag('user-id', values['user-id'])
    const tokenFlag = textFlag('token', values.token)
    const content = await readMessage(positionals, io)

    const config = await loadCliConfig(io)
    const server = chooseServer(config, io.env, { server: values.server, token: tokenFlag })
    const silenceTimeoutMs = silenceFlag ?? config.settings.server.silenceTimeoutMs
    if (!server.token) {
      complain(io, "no token: pass --token, set MIRA_TOKEN, or save the server token in the app's Settings (a `mira serve` without --token accepts any)")
      if (values.json) io.stdout.write(`${JSON.stringify({ event: 'error', kind: 'auth', error: 'no token' })}\n`)
      return ExitCode.authFailed
    }
    const persona = values.persona ?? (config.settings.persona || undefined)
    const token = server.token
    const link = new ChatLink({ url: server.url, getToken: () => token, autoReconnect: false, silenceTimeoutMs })
    const renderer = values.json ? jsonRenderer(io.stdout) : textRenderer(io.stdout, io.stderr)
    const runner = new TurnRunner(
      link,
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
      // Both carry the server's words, and stderr is a terminal even with --json.
      if (outcome.failure) complain(io, terminalSafe(outcome.failure))
      else if (outcome.conversationId) io.stderr.write(`conversation: ${terminalSafe(outcome.conversationId)}\n`)
      return outcome.exitCode
    } finally {
      stopSignals()
      await link.stop()
    }
  },
})

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
