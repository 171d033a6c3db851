/** What `mira chat` does, loaded only when it runs (its imports are the heavy part of the CLI). */
import { ChatLink } from '../../main/core/link/chat-link'
import { createProtocol, type AnyProtocol } from '../../main/core/protocols/registry'
import { lexiconSetup } from '../../main/core/protocols/lexicon-setup'
import { opt } from '../../main/core/protocols/fields'
import { detectProtocol, protocolFlag } from '../protocol-flag'
import { detectionText } from '../../main/core/protocols/probe'
import { integerFlag, secondsFlag, textFlag, UsageError } from '../args'
import { coalescedOutput } from '../chat/coalesced-output'
import { jsonRenderer, textRenderer } from '../chat/render'
import { TurnRunner } from '../chat/run-turn'
import { terminalSafe } from '../chat/terminal-safe'
import { chooseServer, loadCliConfig, type CliConfig } from '../config'
import type { HearFlags, Heard } from '../speech/hear'
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
  const targetFlag = textFlag('agent', values.agent)
  const apiKeyFlag = textFlag('api-key', values['api-key'])
  const chatFlag = textFlag('chat-id', values['chat-id'])
  const kindFlag = protocolFlag(values.protocol)
  const audio = values.audio === undefined ? undefined : await readAudioMessage(values.audio, { ...values, token: tokenFlag }, positionals, io)
  const typed = audio ? undefined : await readMessage(positionals, io)

  const config = await loadCliConfig(io)
  const server = chooseServer(config, io.env, { server: values.server, token: tokenFlag })
  let content = typed ?? ''
  if (audio) {
    const heard = await audio.hear(config)
    if (!heard.ok) {
      if (values.json) io.stdout.write(`${JSON.stringify({ event: 'error', kind: 'transcription', error: heard.line })}\n`)
      complain(io, terminalSafe(heard.line))
      return heard.exitCode
    }
    if (heard.text.trim() === '') {
      complain(io, `nothing was recognised in ${values.audio}`)
      return ExitCode.serverError
    }
    content = heard.text
    if (values.json) io.stdout.write(`${JSON.stringify({ event: 'transcript', text: heard.text, engine: heard.engine })}\n`)
    else io.stderr.write(`you said: ${terminalSafe(heard.text)}\n`)
  }
  const silenceTimeoutMs = silenceFlag ?? config.settings.server.silenceTimeoutMs
  // The settings' kind belongs to the settings' server; another address is told apart by its path.
  const detection = await detectProtocol(kindFlag, server.url, config, Boolean(values.server || io.env.MIRA_SERVER))
  const said = detectionText(detection, server.url).text
  if (detection.kind === undefined) {
    if (detection.why === 'unknown') throw new UsageError(`${said}: pass --protocol`)
    complain(io, terminalSafe(`${said}: pass --protocol, or start the server`))
    if (values.json) io.stdout.write(`${JSON.stringify({ event: 'error', kind: 'connection', error: said })}\n`)
    return ExitCode.unreachable
  }
  if (detection.how === 'probe') io.stderr.write(`${terminalSafe(said)}\n`)
  const kind = detection.kind
  const userId = userFlag ?? config.settings.userId
  // Lexicon: the chat (given, continued with --conversation, or created) is part of the connection.
  const fixedChatId = chatFlag ?? values.conversation
  const lexicon =
    kind === 'lexicon'
      ? lexiconSetup({ url: server.url, credentials: () => ({ ...opt('apiKey', apiKeyFlag), userId }), ...opt('fixedChatId', fixedChatId) })
      : undefined
  const protocol: AnyProtocol = lexicon?.protocol ?? createProtocol(kind, { ...opt('sessionId', sessionFlag), ...opt('agent', targetFlag) })
  if (kind === 'lexicon' && !apiKeyFlag) {
    complain(io, 'no API key: pass --api-key (the tenant key of the Lexicon server)')
    if (values.json) io.stdout.write(`${JSON.stringify({ event: 'error', kind: 'auth', error: 'no API key' })}\n`)
    return ExitCode.authFailed
  }
  if (kind === 'dmp' && !server.token) {
    complain(io, "no token: pass --token, set MIRA_TOKEN, or save the server token in the app's Settings (a `mira serve` on this machine needs none)")
    if (values.json) io.stdout.write(`${JSON.stringify({ event: 'error', kind: 'auth', error: 'no token' })}\n`)
    return ExitCode.authFailed
  }
  const persona = values.persona ?? (config.settings.persona || undefined)
  const token = server.token
  const link = new ChatLink({
    url: server.url,
    getToken: () => token,
    autoReconnect: false,
    silenceTimeoutMs,
    ...lexicon?.link,
    protocol,
  })
  const output = coalescedOutput(io.stdout, io.stderr)
  const renderer = values.json ? jsonRenderer(output.stdout) : textRenderer(output.stdout, output.stderr)
  const runner = new TurnRunner(
    link,
    protocol,
    {
      content,
      agentId: agentFlag ?? config.settings.agentId,
      userId,
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

/** `--audio FILE`: the file is read and checked now (a usage error before any connection); it is heard once the settings are loaded. */
async function readAudioMessage(file: string, flags: HearFlags, positionals: string[], io: CliIo): Promise<{ hear: (config: CliConfig) => Promise<Heard> }> {
  if (positionals.length > 0) throw new UsageError('give either a message or --audio FILE, not both')
  // The recognisers' code loads only for --audio.
  const { chooseStt, hear, readWavFile } = await import('../speech/hear')
  const wav = await readWavFile(file, io)
  return { hear: (config) => hear(wav, chooseStt(flags, config, io), flags, config, io) }
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
