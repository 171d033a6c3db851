/**
 * The avatar in use on one connection: the last `set_model_and_conf` (as its `avatar-model` event)
 * and the config file last switched to. Events are gone once sent, so a renderer that loads later
 * (a reload, a second window) learns the avatar from the snapshot instead.
 */
import type { AvatarModel, HostEvent } from '../../../shared/host/events'

export interface AvatarSnapshot {
  model: AvatarModel
  file?: string
}

export class AvatarMemory {
  private model: AvatarModel | undefined
  private file: string | undefined

  /** Takes what a session event says about the avatar; other events are ignored. */
  note(event: HostEvent): void {
    if (event.type === 'avatar-model') this.model = event.model
    else if (event.type === 'avatar-switched' && event.file !== undefined) this.file = event.file
  }

  snapshot(): AvatarSnapshot | undefined {
    if (!this.model) return undefined
    return { model: this.model, ...(this.file === undefined ? {} : { file: this.file }) }
  }
}
