/**
 * The Electron transport: the preload's `window.mira`, with the same checks the web bridge makes —
 * answers validated, events checked for their framing, errors turned back into `HostError`s. Always `open`: IPC does not drop.
 */
import { HOST_COMMAND_NAMES, type HostApi, type HostEventListener } from '../../../shared/host'
import type { HostConnection } from './types'
import { checkedResponse, toHostError, framedEvents } from './validate'

export function electronConnection(preload: HostApi, log: (message: string, detail?: unknown) => void): HostConnection {
  const call = (name: (typeof HOST_COMMAND_NAMES)[number]) => async (request?: unknown) => {
    const method = preload[name] as (request?: unknown) => Promise<unknown>
    try {
      return checkedResponse(name, await method(request))
    } catch (error) {
      throw toHostError(error)
    }
  }
  const onEvents = (listener: HostEventListener): (() => void) =>
    preload.onEvents((batch) => {
      const events = framedEvents(batch, log)
      if (events.length) listener(events)
    })
  // As in the web client: one entry per command name, each checking its answer against its schema.
  const api = { ...Object.fromEntries(HOST_COMMAND_NAMES.map((name) => [name, call(name)])), onEvents } as HostApi
  return {
    kind: 'electron',
    api,
    transport: { state: 'open', attempt: 0 },
    onTransport: () => () => {},
    retryNow: () => {},
    close: () => {},
  }
}
