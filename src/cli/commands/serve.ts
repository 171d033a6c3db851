/** `mira serve`: run the built-in companion server in the foreground until SIGINT/SIGTERM. */
import { defaultDataDir } from '../../main/core/paths'
import { CompanionStartError, createDemoBrain, startCompanionServer, type CompanionServer } from '../../server'
import { selectBrain } from '../../server/brains/select'
import { ttsConfigSchema, type TtsConfig } from '../../server/tts'
import { integerFlag, textFlag, UsageError } from '../args'
import { defineCommand } from '../command'
import { ExitCode } from '../exit-codes'
import { messageOf } from '../../shared/errors'
import { complain, stopSignal } from '../io'
import { companionDir, generateToken, publishLocalCompanion } from '../local-companion'

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
  'ping-interval-ms': { type: 'string' },
  'pong-timeout-ms': { type: 'string' },
  'llm-url': { type: 'string' },
  model: { type: 'string' },
  'no-ollama': { type: 'boolean' },
  'tts-voice': { type: 'string' },
  'tts-rate': { type: 'string' },
  'tts-url': { type: 'string' },
  'tts-model': { type: 'string' },
} as const

const DEFAULT_HOST = '127.0.0.1'
const DEFAULT_PORT = 5500

const synopsis = 'mira serve [--host H] [--port N] [--token T] [--data-dir DIR] [--llm-url URL --model NAME]'

const help = `Run Mira's built-in companion server (the /v1/chat/stream protocol and its REST API).

Usage: ${synopsis}

Options:
  --host H               address to listen on (default ${DEFAULT_HOST}; any other needs --token)
  --port N               port (default ${DEFAULT_PORT}; 0 picks a free one)
  --token T              the token clients must send (default on loopback: any non-empty token)
  --data-dir DIR         backgrounds, avatars, history and notes (default: <Mira data dir>/companion);
                         while it runs, DIR/serve.json holds its address and a token it accepts,
                         so \`mira chat\` and \`mira doctor\` on this machine need no --token
  --ping-interval-ms N   ping clients this often (default 30000)
  --pong-timeout-ms N    close clients that do not answer a ping within this (default 10000)
  --llm-url URL          an OpenAI-compatible endpoint to answer with, e.g. http://127.0.0.1:11434/v1
  --model NAME           the model at --llm-url (required with it); its API key from MIRA_LLM_API_KEY
  --no-ollama            do not look for a local Ollama when no --llm-url is given
  --tts-voice V          the offline espeak-ng voice (default en-us), or the voice at --tts-url
  --tts-rate N           offline speaking rate in words per minute (80-450, default 175)
  --tts-url URL          speak through an OpenAI-compatible /v1/audio/speech endpoint instead
                         (its key from MIRA_TTS_API_KEY)
  --tts-model NAME       the speech model at --tts-url
  -h, --help             show this help

Without --llm-url it answers with a local Ollama when one runs on 127.0.0.1:11434, else with its offline demo.
Prints "Mira companion listening on ws://HOST:PORT/v1/chat/stream" when ready; stops on Ctrl-C or SIGTERM.
`

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'run the built-in companion server',
  synopsis,
  help,
  options,
  allowPositionals: false,
  async run({ values }, io) {
    const host = textFlag('host', values.host) ?? DEFAULT_HOST
    const port = integerFlag('port', values.port, 0, 65_535) ?? DEFAULT_PORT
    const pingIntervalMs = integerFlag('ping-interval-ms', values['ping-interval-ms'], 10, 3_600_000)
    const pongTimeoutMs = integerFlag('pong-timeout-ms', values['pong-timeout-ms'], 10, 3_600_000)
    const token = textFlag('token', values.token)
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
    // Without --token any token is accepted: local clients get one made for them.
    const unpublish = await publishLocalCompanion(dataDir, { url: server.url, token: token ?? generateToken() }).catch((error: unknown) => {
      io.stderr.write(`(cannot leave the token for local clients in ${dataDir}: ${messageOf(error)})\n`)
      return async () => {}
    })
    io.stdout.write(`Mira companion listening on ${server.url}\n`)
    const received = await signal.received
    signal.dispose()
    io.stderr.write(`${received}: stopping the server…\n`)
    await unpublish()
    await server.close()
    return ExitCode.ok
  },
})

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
