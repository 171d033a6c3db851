/**
 * Requests to the server whose answers carry no request id (`fetch_backgrounds` →
 * `background_files`, `switch_avatar_config` → `set_model_and_conf`): whoever waits when the answer
 * frame arrives gets it, so concurrent fetches share one request and avatar switches run one at a time.
 */
import { HostError } from '../../../shared/host/commands'
import type { AvatarConfig, AvatarModel, Background, HostEvent } from '../../../shared/host/events'
import type { Intent, ProtocolEventOf } from '../protocols/types'
import { RequestSlot } from './request-slot'
import { resolveBackgrounds, toAvatarConfigs, toAvatarModel } from './server-assets'

/** What is needed of a slot to fail whoever waits on it. */
interface PendingSlot {
  readonly pending: boolean
  fail(error: Error): void
}

export type AssetEvent = ProtocolEventOf<'backgrounds' | 'avatar-configs' | 'avatar-model' | 'avatar-switched'>

/** The intents of these requests, each named by its `/v1/chat/stream` frame (errors name those). */
const FRAME_NAMES = { 'fetch-backgrounds': 'fetch_backgrounds', 'fetch-avatar-configs': 'fetch_avatar_configs', 'switch-avatar-config': 'switch_avatar_config' }
type RequestIntent = Extract<Intent, { kind: keyof typeof FRAME_NAMES }>

export class ServerRequests {
  readonly backgrounds = new RequestSlot<Background[]>()
  readonly avatarConfigs = new RequestSlot<AvatarConfig[]>()
  readonly avatarModel = new RequestSlot<AvatarModel>()
  private switching: Promise<unknown> = Promise.resolve()

  constructor(
    /** Writes the intent's frames: `undefined` when the protocol has no such request, false when not sent. */
    private readonly send: (intent: RequestIntent) => boolean | undefined,
    /** False while the link is not ready or the session is closed. */
    private readonly canSend: () => boolean,
    private readonly timeoutMs: number,
  ) {}

  fetchBackgrounds(): Promise<Background[]> {
    return this.request(this.backgrounds, { kind: 'fetch-backgrounds' })
  }

  fetchAvatarConfigs(): Promise<AvatarConfig[]> {
    return this.request(this.avatarConfigs, { kind: 'fetch-avatar-configs' })
  }

  switchAvatarConfig(file: string): Promise<AvatarModel> {
    const run = this.switching.then(() => this.request(this.avatarModel, { kind: 'switch-avatar-config', file }, false))
    this.switching = run.catch(() => undefined)
    return run
  }

  /**
   * An answer, solicited or not, as the host event it becomes; it also settles whoever waits for
   * it. `refused` lists server paths that were dropped for pointing outside the server.
   */
  answer(event: AssetEvent, restBase: string): { event: HostEvent; refused: string[] } {
    switch (event.kind) {
      case 'backgrounds': {
        const { backgrounds, refused } = resolveBackgrounds(restBase, event.files)
        this.backgrounds.settle(backgrounds)
        return { event: { type: 'backgrounds', backgrounds }, refused }
      }
      case 'avatar-configs': {
        const configs = toAvatarConfigs(event)
        this.avatarConfigs.settle(configs)
        return { event: { type: 'avatar-configs', configs }, refused: [] }
      }
      case 'avatar-model': {
        const { model, refused } = toAvatarModel(restBase, event)
        this.avatarModel.settle(model)
        return { event: { type: 'avatar-model', model }, refused: refused === undefined ? [] : [refused] }
      }
      case 'avatar-switched':
        return { event: { type: 'avatar-switched', ...(event.file === undefined ? {} : { file: event.file }) }, refused: [] }
    }
  }

  /** An `error` frame that names a waiting request's frame (or a missing avatar config) fails that request. */
  failMatching(error: string): boolean {
    const matches: [PendingSlot, boolean][] = [
      [this.avatarModel, /switch_avatar_config|config file not found/i.test(error)],
      [this.backgrounds, error.includes('fetch_backgrounds')],
      [this.avatarConfigs, error.includes('fetch_avatar_configs')],
    ]
    const hit = matches.find(([slot, match]) => match && slot.pending)
    hit?.[0].fail(serverError(error))
    return hit !== undefined
  }

  /** How many kinds of request wait for their answer. */
  get pendingCount(): number {
    return this.slots().filter((slot) => slot.pending).length
  }

  /** Fails the one request that waits, when exactly one does. */
  failSole(error: string): boolean {
    const pending = this.slots().filter((slot) => slot.pending)
    if (pending.length !== 1) return false
    pending[0]?.fail(serverError(error))
    return true
  }

  failAll(error: Error): void {
    for (const slot of this.slots()) slot.fail(error)
  }

  private slots(): PendingSlot[] {
    return [this.backgrounds, this.avatarConfigs, this.avatarModel]
  }

  private async request<T>(slot: RequestSlot<T>, intent: RequestIntent, coalesce = true): Promise<T> {
    if (!this.canSend()) throw notConnected()
    const alreadyAsked = coalesce && slot.pending
    const frame = FRAME_NAMES[intent.kind]
    const seconds = this.timeoutMs / 1000
    const text = `The server did not answer ${frame} within ${seconds} s`
    const answer = slot.wait(this.timeoutMs, () => new HostError('timeout', text, { textCode: 'serverTimeout', params: { frame, seconds } }))
    if (alreadyAsked) return answer
    const sent = this.send(intent)
    if (sent === undefined) slot.fail(new HostError('refused', `This server has no ${frame}`, { textCode: 'serverLacks', params: { frame } }))
    else if (!sent) slot.fail(notConnected())
    return answer
  }
}

const serverError = (error: string): HostError => new HostError('server-error', error, { textCode: 'serverError', params: { message: error } })
const notConnected = (): HostError => new HostError('not-ready', 'Not connected to the server', { textCode: 'notConnected' })
