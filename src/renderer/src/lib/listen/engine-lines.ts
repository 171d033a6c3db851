/** The one-line state of each speech recogniser, and of each whisper.cpp model, in words the page can say. */
import type { SttStatus, WhisperModelState } from '../../../../shared/host'
import type { SttProvider } from '../../../../shared/settings'
import { key, type LocalText } from '../local-text'

export interface EngineLine {
  text: LocalText
  /** Usable as it stands. */
  ok: boolean
}

const WHISPER_PROGRAM = { found: 'programFound', missing: 'programMissing', unset: 'programUnset' } as const
const WHISPER_MODEL = { ready: 'modelReady', missing: 'modelMissing', bad: 'modelBad', unset: 'modelUnset' } as const

export function engineLine(provider: SttProvider, status: SttStatus | undefined): EngineLine {
  if (!status) return { text: key('recognisers.engines.checking'), ok: false }
  const detail = (d: string | undefined) => d ?? ''
  if (provider === 'server') {
    const { server } = status
    if (server.state === 'ready') return { text: key('recognisers.engines.serverReady', { engine: server.engine ?? '' }), ok: true }
    if (server.state === 'none') return { text: key('recognisers.engines.serverNone'), ok: false }
    return { text: key('recognisers.engines.serverUnreachable', { detail: detail(server.detail) }), ok: false }
  }
  if (provider === 'openai') {
    const { openai } = status
    if (openai.state === 'unset') return { text: key('recognisers.engines.openaiUnset'), ok: false }
    if (openai.state === 'reachable') {
      return { text: key('recognisers.engines.openaiReachable', { key: key(openai.hasKey ? 'recognisers.engines.keySaved' : 'recognisers.engines.noKey') }), ok: true }
    }
    if (openai.state === 'refused') return { text: key('recognisers.engines.openaiRefused', { detail: detail(openai.detail) }), ok: false }
    return { text: key('recognisers.engines.openaiUnreachable', { detail: detail(openai.detail) }), ok: false }
  }
  const { whisper } = status
  return {
    text: key('recognisers.engines.whisperLine', { program: key(`recognisers.engines.${WHISPER_PROGRAM[whisper.program]}`), model: key(`recognisers.engines.${WHISPER_MODEL[whisper.model]}`) }),
    ok: whisper.program === 'found' && whisper.model === 'ready',
  }
}

const ERROR_KEYS = { 'not-found': 'notFound', http: 'http', network: 'network', 'disk-full': 'diskFull', checksum: 'checksum', cancelled: 'cancelled', io: 'io' } as const

const mib = (bytes: number | undefined): string => ((bytes ?? 0) / 1_048_576).toFixed(1)

export function modelLine(model: WhisperModelState, inUse: boolean): LocalText {
  switch (model.state) {
    case 'ready':
      return key(inUse ? 'recognisers.models.inUse' : 'recognisers.models.ready')
    case 'downloading':
      return model.total
        ? key('recognisers.models.downloading', { percent: Math.floor(((model.received ?? 0) / model.total) * 100) })
        : key('recognisers.models.downloadingBytes', { mib: mib(model.received) })
    case 'partial':
      return key('recognisers.models.partial', { mib: mib(model.received) })
    case 'failed':
      return key('recognisers.models.failed', { why: key(`recognisers.models.errors.${ERROR_KEYS[model.error?.kind ?? 'io']}`) })
    default:
      return key('recognisers.models.absent')
  }
}
