/**
 * The Electron transport of the host API, main side: one `ipcMain.handle` per command channel.
 * A command runs only when it comes from the top frame of our main window showing our own page;
 * anything else is refused and logged. Validation happens in `dispatchCommand`, as for web mode.
 */
import { EVENTS_CHANNEL, HOST_COMMAND_NAMES, commandChannel } from '../../shared/host/channels'
import { dispatchCommand, type DispatchResult, type HostCore } from '../core/host/dispatch'
import { messageOf } from '../../shared/errors'

/** The parts of Electron's `WebFrameMain` the check reads. */
export interface FrameLike {
  readonly url: string
  readonly parent: FrameLike | null
}

export interface InvokeEventLike {
  readonly sender: unknown
  readonly senderFrame: FrameLike | null
}

export interface MainContentsLike {
  send(channel: string, ...args: unknown[]): void
  getURL(): string
  isDestroyed(): boolean
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export interface GatewayOptions {
  ipcMain: IpcMainLike
  core: HostCore
  /** The main window's webContents, when there is one. */
  mainContents(): MainContentsLike | undefined
  isAppUrl(url: string): boolean
  log(line: string): void
}

/** Why a sender is not trusted, or `undefined` when it is. */
export function senderProblem(
  event: InvokeEventLike,
  mainContents: MainContentsLike | undefined,
  isAppUrl: (url: string) => boolean,
): string | undefined {
  if (!mainContents || event.sender !== mainContents) return 'not the main window'
  const frame = event.senderFrame
  if (!frame) return 'the sending frame is gone'
  if (frame.parent !== null) return 'not the top frame'
  if (!isAppUrl(frame.url)) return `not the app's page (${frame.url})`
  return undefined
}

/** Registers the command handlers and forwards event batches; returns the undo. */
export function registerIpcGateway(options: GatewayOptions): () => void {
  const { ipcMain, core, log } = options
  for (const name of HOST_COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (event, request): Promise<DispatchResult> => {
      const problem = senderProblem(event, options.mainContents(), options.isAppUrl)
      if (problem) {
        log(`ipc: refused ${name}: ${problem}`)
        return { ok: false, error: { code: 'refused', message: `${name} refused: ${problem}` } }
      }
      return dispatchCommand(core.handlers, name, request)
    })
  }
  const unsubscribe = core.onEvents((batch) => {
    const contents = options.mainContents()
    // Conversation content goes only to our own page, never to whatever a window might show.
    if (!contents || contents.isDestroyed() || !options.isAppUrl(contents.getURL())) return
    try {
      contents.send(EVENTS_CHANNEL, batch)
    } catch (error) {
      log(`ipc: could not send events: ${messageOf(error)}`)
    }
  })
  return () => {
    unsubscribe()
    for (const name of HOST_COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name))
  }
}
