/**
 * Mira's built-in companion server: the `/v1/chat/stream` protocol and its REST API
 * (shared/protocol/chat-stream.md) on one port, offline by default. Plain Node, no Electron.
 *
 *   const server = await startCompanionServer({ dataDir })
 *   server.url        ws://127.0.0.1:5500/v1/chat/stream
 *   await server.close()
 *
 * It prints nothing by itself (pass `log`), and installs no signal handlers: whoever owns the
 * process (the CLI's `mira serve`, the app) calls `close()` on SIGTERM/SIGINT.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { CHAT_STREAM_PATH } from '../shared/protocol'
import { createAccessPolicy, isLoopbackHost } from './access'
import { AvatarStore } from './avatars/store'
import { createDemoBrain } from './brains/demo'
import type { Brain } from './brains/types'
import type { CompanionContext } from './context'
import { prepareDataDir } from './data/data-dir'
import { ChatGateway } from './endpoint/gateway'
import { CompanionStartError } from './errors'
import { messageOf } from '../shared/errors'
import { HistoryStore } from './history/store'
import { createRequestHandler } from './http/router'
import { createDefaultTools } from './tools'
import type { ToolRegistry } from './tools/types'
import { createTtsEngine, type TtsConfig } from './tts'
import type { TtsEngine } from './tts/types'
import { SynthesisGate } from './tts/gate'
import { detectSttEngine } from './stt/detect'
import type { SttEngine } from './stt/types'

export { CompanionStartError } from './errors'
export { createDemoBrain, type DemoBrainOptions } from './brains/demo'
export { createTtsEngine, ttsConfigSchema, type TtsConfig, type TtsEngine } from './tts'
export { pocketsphinxEngine } from './stt/pocketsphinx'
export { checkWhisperModel, whisperCppEngine } from './stt/whisper-cpp'
export { SttError, type SttEngine } from './stt/types'

export interface CompanionOptions {
  /** Default 127.0.0.1. A non-loopback host needs a `token`. */
  host?: string
  /** Default 5500; 0 picks a free port. */
  port?: number
  /**
   * When set, `authorize` must carry exactly this token (compared in constant time), and TTS/STM
   * requests must send it as `Authorization: Bearer <token>`. When unset (loopback only), any
   * non-empty token is accepted: the server is as private as the machine.
   */
  token?: string
  /** Holds backgrounds/, avatars/, live2d/ and history/; created and seeded on first start. */
  dataDir: string
  /** Default 30 000. */
  pingIntervalMs?: number
  /** Default 10 000. */
  pongTimeoutMs?: number
  /** A client with this much unread output is dropped. Default 8 MB. */
  maxBufferedBytes?: number
  /** Default: the offline demo brain. */
  brain?: Brain
  /** Default: the built-in tools (time, calculator, notes in `dataDir`). */
  tools?: ToolRegistry
  /** Default: offline espeak-ng. An engine passed in is not closed by `close()`. */
  tts?: TtsEngine
  /** Without `tts`: how the server's own engine speaks (voice, rate, or an OpenAI-compatible speech endpoint). */
  ttsConfig?: TtsConfig
  /** Speech recognition: default, what `detectSttEngine` finds (whisper.cpp, PocketSphinx); `null`: none. */
  stt?: SttEngine | null
  /** Browser origins allowed besides loopback pages (e.g. `file://` renderers send `null`). */
  allowedOrigins?: string[]
  /** Reported by `/v1/health`. Default: the version in package.json. */
  version?: string
  log?: (line: string) => void
}

export interface CompanionServer {
  /** `ws://host:port/v1/chat/stream` */
  url: string
  /** `http://host:port/v1` */
  restBase: string
  port: number
  /** Interrupts open turns (each ends with `stream_end`), closes sockets with 1001, flushes history. */
  close(): Promise<void>
}

function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
    const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(text))
    return parsed.success ? parsed.data.version : 'unknown'
  } catch {
    return 'unknown'
  }
}

function listenError(error: unknown, host: string, port: number): CompanionStartError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') {
    return new CompanionStartError(
      `Port ${port} is already in use: another program (perhaps another Mira) listens on ${host}:${port}, choose another with --port`,
      'Stop the other program, or start Mira\'s server on another port (--port).',
      { cause: error },
    )
  }
  if (code === 'EACCES') {
    return new CompanionStartError(`Not allowed to listen on ${host}:${port}`, 'Choose a port above 1024 (--port).', { cause: error })
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new CompanionStartError(`${host} is not an address of this computer`, 'Listen on 127.0.0.1 (--host).', { cause: error })
  }
  return new CompanionStartError(`Cannot listen on ${host}:${port}: ${messageOf(error)}`, 'Check --host and --port.', { cause: error })
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(listenError(error, host, port))
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export async function startCompanionServer(options: CompanionOptions): Promise<CompanionServer> {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 5500
  const token = options.token ? options.token : undefined
  const log = options.log ?? (() => {})
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CompanionStartError(`Invalid port ${port}`, 'Use a port between 1 and 65535, or 0 for any free port.')
  }
  if (!isLoopbackHost(host) && token === undefined) {
    throw new CompanionStartError(
      `Refusing to listen on ${host} without a token: anyone who can reach it could use this server`,
      'Set a token (--token), or listen on 127.0.0.1.',
    )
  }
  const layout = await prepareDataDir(options.dataDir, log)
  let history: HistoryStore
  try {
    history = await HistoryStore.open(layout.history, log)
  } catch (error) {
    throw new CompanionStartError(`Cannot read the history in ${layout.history}: ${messageOf(error)}`, 'Check that folder\'s permissions, or choose another data folder.', {
      cause: error,
    })
  }
  const tts = options.tts ?? createTtsEngine(options.ttsConfig)
  const ctx: CompanionContext = {
    layout,
    history,
    avatars: new AvatarStore(layout.avatars, layout.live2d, log),
    tts,
    synthesis: new SynthesisGate(),
    stt: options.stt === null ? undefined : (options.stt ?? detectSttEngine()),
    brain: options.brain ?? createDemoBrain(),
    tools: options.tools ?? createDefaultTools({ dataDir: options.dataDir, log }),
    token,
    access: createAccessPolicy({ host, ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}) }),
    version: options.version ?? packageVersion(),
    log,
  }
  const gateway = new ChatGateway(ctx, {
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    pongTimeoutMs: options.pongTimeoutMs ?? 10_000,
    ...(options.maxBufferedBytes ? { maxBufferedBytes: options.maxBufferedBytes } : {}),
  })
  const server = createServer(createRequestHandler(ctx))
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head))
  let actualPort: number
  try {
    actualPort = await listen(server, host, port)
  } catch (error) {
    if (!options.tts) await tts.close()
    throw error
  }
  const urlHost = host.includes(':') ? `[${host}]` : host
  log(`companion: brain ${ctx.brain.describe()}; tts ${ctx.tts.describe()}; stt ${ctx.stt?.describe() ?? 'none'}; data ${layout.root}`)

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      await gateway.close()
      server.closeAllConnections()
      await stopped
      await history.close()
      await layout.backgroundsReady
      // An engine passed in belongs to the caller.
      if (!options.tts) await tts.close()
    })()
    return closing
  }
  return {
    url: `ws://${urlHost}:${actualPort}${CHAT_STREAM_PATH}`,
    restBase: `http://${urlHost}:${actualPort}/v1`,
    port: actualPort,
    close,
  }
}
