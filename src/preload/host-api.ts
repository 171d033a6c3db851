/**
 * Builds the host API the preload exposes on `window.mira`: one method per host command, each an
 * `invoke` on its own channel, plus the event subscription. It touches only the small IPC surface
 * below, so it runs in Node tests with a fake, and imports nothing with zod (the preload stays tiny).
 */
import { EVENTS_CHANNEL, HOST_COMMAND_NAMES, commandChannel, formatBridgeError, type HostCommandName } from '../shared/host/channels'
import type { HostApi, HostEventListener } from '../shared/host/commands'

type IpcListener = (event: unknown, ...args: unknown[]) => void

/** The part of Electron's `ipcRenderer` the API uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: IpcListener): unknown
  removeListener(channel: string, listener: IpcListener): unknown
}

/**
 * A failed command. Across the contextBridge only the message survives, so it carries the code
 * too (`[code] message`, see `parseBridgeError`).
 */
export class BridgeCommandError extends Error {
  override name = 'HostError'
  constructor(
    readonly code: string,
    readonly detail: string,
    text?: { textCode?: unknown; params?: unknown },
  ) {
    super(formatBridgeError(code, detail, text))
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** Turns the gateway's `{ ok, response } | { ok: false, error }` envelope into a value or a throw. */
export function unwrapEnvelope(name: string, envelope: unknown): unknown {
  if (isRecord(envelope) && envelope.ok === true && 'response' in envelope) return envelope.response
  if (isRecord(envelope) && envelope.ok === false && isRecord(envelope.error)) {
    const { code, message, textCode, params } = envelope.error
    throw new BridgeCommandError(typeof code === 'string' ? code : 'internal', typeof message === 'string' ? message : `${name} failed`, {
      textCode,
      params,
    })
  }
  throw new BridgeCommandError('internal', `${name}: malformed reply from the host`)
}

async function invokeCommand(ipc: IpcRendererLike, name: HostCommandName, request: unknown): Promise<unknown> {
  const envelope = await ipc.invoke(commandChannel(name), request)
  return unwrapEnvelope(name, envelope)
}

export function buildHostApi(ipc: IpcRendererLike): HostApi {
  const onEvents = (listener: HostEventListener): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvents needs a listener function')
    // The IPC event object stays here: the page gets only the batch.
    const forward: IpcListener = (_event, batch) => {
      if (Array.isArray(batch)) listener(batch)
    }
    ipc.on(EVENTS_CHANNEL, forward)
    return () => {
      ipc.removeListener(EVENTS_CHANNEL, forward)
    }
  }
  const api: Record<string, unknown> = { onEvents }
  for (const name of HOST_COMMAND_NAMES) api[name] = (request?: unknown) => invokeCommand(ipc, name, request)
  return api as HostApi
}
