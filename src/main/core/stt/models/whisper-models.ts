/**
 * The whisper.cpp models of the catalogue in the data folder's `models/`: which are there, which are
 * downloading (with progress), stopped part-way (resumable) or failed (and why). One download per
 * model at a time; every change is told to `onChange` with the whole list.
 */
import { mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { WhisperModelState } from '../../../../shared/host/stt'
import { messageOf } from '../../../../shared/errors'
import { WHISPER_MODELS, type WhisperModelInfo } from './catalogue'
import { DownloadError, downloadFile, partFile } from './download'

export interface WhisperModelsOptions {
  dir: string
  /** Where the files come from (tests and mirrors): `<base>/<file>`; default the catalogue's URLs. */
  baseUrl?: string | undefined
  /** The catalogue (tests give one with their own digests). */
  catalogue?: readonly WhisperModelInfo[]
  onChange?: (models: WhisperModelState[]) => void
}

type Live = { state: 'downloading'; received: number; total: number | undefined; controller: AbortController } | { state: 'failed'; error: DownloadError }

export class UnknownModelError extends Error {
  override name = 'UnknownModelError'
}

export class WhisperModels {
  private readonly live = new Map<string, Live>()
  private readonly catalogue: readonly WhisperModelInfo[]
  private telling = Promise.resolve()

  constructor(private readonly options: WhisperModelsOptions) {
    this.catalogue = options.catalogue ?? WHISPER_MODELS
  }

  pathOf(model: WhisperModelInfo): string {
    return join(this.options.dir, model.file)
  }

  async list(): Promise<WhisperModelState[]> {
    return Promise.all(this.catalogue.map((model) => this.stateOf(model)))
  }

  /** Starts (or resumes) a download; resolves when it has ended, either way (the state says how). */
  async download(id: string): Promise<void> {
    const model = this.find(id)
    if (this.live.get(id)?.state === 'downloading') return
    const controller = new AbortController()
    const live: Live = { state: 'downloading', received: 0, total: undefined, controller }
    this.live.set(id, live)
    this.changed()
    let shown = -1
    const progress = (received: number, total: number | undefined): void => {
      live.received = received
      live.total = total
      // Told once per whole percent (or per MiB without a length): enough for a progress bar.
      const step = total ? Math.floor((received / total) * 100) : Math.floor(received / 1_048_576)
      if (step !== shown) {
        shown = step
        this.changed()
      }
    }
    try {
      await mkdir(this.options.dir, { recursive: true })
      const url = this.options.baseUrl ? `${this.options.baseUrl.replace(/\/+$/, '')}/${model.file}` : model.url
      await downloadFile({ url, dest: this.pathOf(model), checksum: model.checksum, signal: controller.signal, onProgress: progress })
      this.live.delete(id)
    } catch (error) {
      const failure = error instanceof DownloadError ? error : new DownloadError('io', messageOf(error), { cause: error })
      // Cancelled: nothing failed; the part on disk says how far it got.
      if (failure.kind === 'cancelled') this.live.delete(id)
      else this.live.set(id, { state: 'failed', error: failure })
    }
    this.changed()
  }

  cancel(id: string): void {
    const live = this.live.get(this.find(id).id)
    if (live?.state === 'downloading') live.controller.abort()
  }

  /** Removes the file and any part of it. */
  async remove(id: string): Promise<void> {
    const model = this.find(id)
    this.cancel(id)
    this.live.delete(id)
    await rm(this.pathOf(model), { force: true })
    await rm(partFile(this.pathOf(model)), { force: true })
    this.changed()
  }

  /** Stops every download (the part files stay for next time). */
  close(): void {
    for (const live of this.live.values()) if (live.state === 'downloading') live.controller.abort()
  }

  /** The catalogue entry; an unknown id throws `UnknownModelError`. */
  info(id: string): WhisperModelInfo {
    return this.find(id)
  }

  private find(id: string): WhisperModelInfo {
    const model = this.catalogue.find((m) => m.id === id)
    if (!model) throw new UnknownModelError(`No whisper.cpp model is called “${id}”`)
    return model
  }

  /** Tells the listener in order: one list at a time, so progress never appears to go back. */
  private changed(): void {
    const tell = this.options.onChange
    if (!tell) return
    this.telling = this.telling.then(() => this.list()).then(tell, () => undefined)
  }

  private async stateOf(model: WhisperModelInfo): Promise<WhisperModelState> {
    const path = this.pathOf(model)
    const base = { id: model.id, path, sizeMiB: model.sizeMiB, englishOnly: model.englishOnly }
    const live = this.live.get(model.id)
    if (live?.state === 'downloading') return { ...base, state: 'downloading', received: live.received, ...(live.total ? { total: live.total } : {}) }
    if (await exists(path)) return { ...base, state: 'ready' }
    const part = await sizeOf(partFile(path))
    if (live?.state === 'failed') return { ...base, state: 'failed', error: { kind: live.error.kind, text: live.error.message }, ...(part ? { received: part } : {}) }
    return part ? { ...base, state: 'partial', received: part } : { ...base, state: 'absent' }
  }
}

async function exists(file: string): Promise<boolean> {
  return (await sizeOf(file)) > 0
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch {
    return 0
  }
}
