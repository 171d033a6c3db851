/**
 * Settings → Listening's engine lines: what the server in use advertises (`/v1/health` → `stt`),
 * whether the OpenAI-compatible endpoint is set, keyed and answering, whether whisper.cpp's program
 * and model are there; and the Test buttons, which transcribe the built-in sample with one provider.
 */
import { accessSync, constants } from 'node:fs'
import { checkWhisperModel, SttError } from '../../../server'
import { onPath } from '../../../server/stt/detect'
import { messageOf } from '../../../shared/errors'
import { HostError, type HostHandlers, type SttStatus } from '../../../shared/host'
import type { SttSettings } from '../../../shared/settings'
import { sampleWav, SAMPLE_SENTENCE } from './sample'
import { transcribeAudio, type SttAccess } from './transcribe'
import { TranscribeError } from './transcribers'

const PROBE_MS = 5_000

export interface SttStatusDeps {
  stt: () => SttSettings
  apiKey: () => Promise<string | undefined>
  server: SttAccess['server']
}

async function probe(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { headers, signal: AbortSignal.timeout(PROBE_MS) })
}

const why = (error: unknown): string => messageOf((error as { cause?: unknown }).cause ?? error)

async function serverStatus(deps: SttStatusDeps): Promise<SttStatus['server']> {
  try {
    const { restBase, token } = await deps.server()
    const response = await probe(`${restBase.replace(/\/+$/, '')}/health`, token ? { Authorization: `Bearer ${token}` } : {})
    const body = (await response.json().catch(() => ({}))) as { stt?: unknown }
    return typeof body.stt === 'string' && body.stt ? { state: 'ready', engine: body.stt } : { state: 'none' }
  } catch (error) {
    return { state: 'unreachable', detail: why(error) }
  }
}

async function openAiStatus(deps: SttStatusDeps): Promise<SttStatus['openai']> {
  const { baseUrl } = deps.stt()
  const apiKey = await deps.apiKey()
  const hasKey = Boolean(apiKey)
  if (!baseUrl) return { state: 'unset', hasKey }
  try {
    const response = await probe(`${baseUrl.replace(/\/+$/, '')}/models`, apiKey ? { Authorization: `Bearer ${apiKey}` } : {})
    await response.body?.cancel()
    if (response.status === 401 || response.status === 403) return { state: 'refused', hasKey, detail: `HTTP ${response.status}` }
    return { state: 'reachable', hasKey }
  } catch (error) {
    return { state: 'unreachable', hasKey, detail: why(error) }
  }
}

function programState(binary: string): SttStatus['whisper']['program'] {
  if (!binary) return 'unset'
  if (!binary.includes('/')) return onPath(binary) ? 'found' : 'missing'
  try {
    accessSync(binary, constants.X_OK)
    return 'found'
  } catch {
    return 'missing'
  }
}

async function whisperStatus(stt: SttSettings): Promise<SttStatus['whisper']> {
  const program = programState(stt.whisperBinary)
  if (!stt.whisperModel) return { program, model: 'unset' }
  try {
    await checkWhisperModel(stt.whisperModel)
    return { program, model: 'ready' }
  } catch (error) {
    const model = error instanceof SttError && error.kind === 'bad-model' ? 'bad' : 'missing'
    return { program, model, detail: messageOf(error) }
  }
}

export function createSttStatusHandlers(deps: SttStatusDeps): Pick<HostHandlers, 'getSttStatus' | 'testStt'> {
  return {
    getSttStatus: async () => {
      const [server, openai, whisper] = await Promise.all([serverStatus(deps), openAiStatus(deps), whisperStatus(deps.stt())])
      return { server, openai, whisper }
    },
    testStt: async ({ provider }) => {
      const stt = { ...deps.stt(), provider }
      try {
        const wav = await sampleWav()
        const apiKey = provider === 'openai' ? await deps.apiKey() : undefined
        const { text, engine } = await transcribeAudio(wav, stt, { apiKey, server: deps.server })
        return { text, engine, provider, said: SAMPLE_SENTENCE }
      } catch (error) {
        if (error instanceof TranscribeError) throw new HostError('server-error', error.message, { textCode: error.textCode, params: error.params })
        throw error
      }
    },
  }
}
