/** What `mira serve` does, loaded only when it runs (its imports are the heavy part of the CLI). */
import { join } from 'node:path'
import { defaultDataDir } from '../../main/core/paths'
import { CompanionStartError, createDemoBrain, startCompanionServer, type CompanionServer } from '../../server'
import { isLoopbackHost } from '../../server/access'
import { selectBrain } from '../../server/brains/select'
import { ttsConfigSchema, type TtsConfig } from '../../server/tts'
import { integerFlag, textFlag, UsageError } from '../args'
import { ExitCode } from '../exit-codes'
import { messageOf } from '../../shared/errors'
import { complain, stopSignal } from '../io'
import { companionDir, generateToken, LOCAL_COMPANION_FILE, publishLocalCompanion } from '../local-companion'
import type { ParsedArgs } from '../command'
import type { CliIo } from '../io'
import { DEFAULT_HOST, DEFAULT_PORT, type ServeOptions } from './serve'

export async function runServe({ values }: ParsedArgs<ServeOptions>, io: CliIo): Promise<number> {
  const host = textFlag('host', values.host) ?? DEFAULT_HOST
  const port = integerFlag('port', values.port, 0, 65_535) ?? DEFAULT_PORT
  const pingIntervalMs = integerFlag('ping-interval-ms', values['ping-interval-ms'], 10, 3_600_000)
  const pongTimeoutMs = integerFlag('pong-timeout-ms', values['pong-timeout-ms'], 10, 3_600_000)
  const given = textFlag('token', values.token)
  if (given && values['no-token']) throw new UsageError('--token and --no-token contradict each other')
  // A server without a token lets any local program chat: only with --no-token. Local clients
  // read the generated one from serve.json; another host needs one typed (the server refuses otherwise).
  const token = values['no-token'] ? undefined : (given ?? (isLoopbackHost(host) ? generateToken() : undefined))
  const dataDir = textFlag('data-dir', values['data-dir']) ?? companionDir(defaultDataDir(io.env, io.platform, io.home))

  const llmUrl = textFlag('llm-url', values['llm-url'])
  const model = textFlag('model', values.model)
  if (llmUrl && !model) throw new UsageError('--llm-url needs --model NAME')
  const apiKey = io.env.MIRA_LLM_API_KEY?.trim()
  const ttsConfig = speechConfig(values, io.env.MIRA_TTS_API_KEY?.trim())

  // Listening before the start, so a signal during it stops the server as soon as it is up.
  const signal = stopSignal(io)
  let server: CompanionServer
  try {
    const log = (line: string) => io.stderr.write(`[server] ${line}\n`)
    const brain = await selectBrain({
      ...(llmUrl && model ? { openai: { baseUrl: llmUrl, model, ...(apiKey ? { apiKey } : {}) } } : {}),
      probeOllama: !values['no-ollama'],
      fallback: () => createDemoBrain(),
      log,
    })
    server = await startCompanionServer({
      brain,
      ttsConfig,
      host,
      port,
      dataDir,
      ...(token ? { token } : {}),
      ...(pingIntervalMs === undefined ? {} : { pingIntervalMs }),
      ...(pongTimeoutMs === undefined ? {} : { pongTimeoutMs }),
      log,
    })
  } catch (error) {
    signal.dispose()
    if (!(error instanceof CompanionStartError)) throw error
    complain(io, error.message)
    io.stderr.write(`hint: ${error.hint}\n`)
    return ExitCode.failure
  }
  // With --no-token any token is accepted: local clients still get one to send.
  const unpublish = await publishLocalCompanion(dataDir, { url: server.url, token: token ?? generateToken() }).then(
    (remove) => {
      // Other clients (the app pointed at this server) need the token nobody typed: say where it is.
      if (token && !given) io.stderr.write(`token for other clients: in ${join(dataDir, LOCAL_COMPANION_FILE)}\n`)
      return remove
    },
    (error: unknown) => {
      io.stderr.write(`(cannot leave the token for local clients in ${dataDir}: ${messageOf(error)})\n`)
      return async () => {}
    },
  )
  io.stdout.write(`Mira companion listening on ${server.url}\n`)
  const received = await signal.received
  signal.dispose()
  io.stderr.write(`${received}: stopping the server…\n`)
  await unpublish()
  await server.close()
  return ExitCode.ok
}

/** `--tts-*` flags as the companion's speech config, checked by the server's own schema. */
function speechConfig(values: { [K in 'tts-voice' | 'tts-rate' | 'tts-url' | 'tts-model']?: string | undefined }, apiKey: string | undefined): TtsConfig {
  const voice = textFlag('tts-voice', values['tts-voice'])
  const url = textFlag('tts-url', values['tts-url'])
  const raw = url
    ? { engine: 'openai', baseUrl: url, model: textFlag('tts-model', values['tts-model']), voice, apiKey: apiKey || undefined }
    : { engine: 'espeak', voice, rate: integerFlag('tts-rate', values['tts-rate'], 80, 450) }
  const parsed = ttsConfigSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`--tts-${String(issue?.path[0] ?? 'url').replace('baseUrl', 'url')}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}
