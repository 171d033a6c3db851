/** What the endpoint and the REST router share: the services of one running companion. */
import type { AccessPolicy } from './access'
import type { AvatarStore } from './avatars/store'
import type { Brain } from './brains/types'
import type { DataLayout } from './data/data-dir'
import type { HistoryStore } from './history/store'
import type { ToolRegistry } from './tools/types'
import type { SynthesisGate } from './tts/gate'
import type { TtsEngine } from './tts/types'
import type { SttEngine } from './stt/types'

export interface CompanionContext {
  layout: DataLayout
  history: HistoryStore
  avatars: AvatarStore
  tts: TtsEngine
  /** Bounds concurrent `/v1/tts/synthesize` work, overall and per client. */
  synthesis: SynthesisGate
  /** Speech recognition for `/v1/stt/transcribe`; `undefined`: none here. */
  stt: SttEngine | undefined
  brain: Brain
  tools: ToolRegistry
  /** `undefined`: any non-empty token is accepted (loopback only). */
  token: string | undefined
  access: AccessPolicy
  version: string
  log: (line: string) => void
}
