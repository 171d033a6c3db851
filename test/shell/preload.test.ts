import { describe, expect, it, vi } from 'vitest'
import {
  EVENTS_CHANNEL,
  HOST_API_GLOBAL,
  HOST_COMMAND_NAMES,
  commandChannel,
  parseBridgeError,
} from '../../src/shared/host/channels'
import { buildHostApi, type IpcRendererLike } from '../../src/preload/host-api'

type Listener = (event: unknown, ...args: unknown[]) => void

/** An ipcRenderer stand-in: records invokes, answers from a script, and can emit to listeners. */
function fakeIpc(reply: (channel: string, request: unknown) => unknown = () => ({ ok: true, response: { ok: true } })) {
  const calls: Array<{ channel: string; args: unknown[] }> = []
  const listeners = new Map<string, Set<Listener>>()
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      calls.push({ channel, args })
      return reply(channel, args[0])
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)?.add(listener)
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener)
    },
  }
  const emit = (channel: string, ...args: unknown[]): void => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the-ipc-event' }, ...args)
  }
  return { ipc, calls, listeners, emit }
}

const mocks = vi.hoisted(() => ({ exposed: [] as Array<{ key: string; api: unknown }> }))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => mocks.exposed.push({ key, api }) },
  ipcRenderer: { invoke: async () => ({ ok: true, response: null }), on: () => undefined, removeListener: () => undefined },
}))

describe('preload host API', () => {
  it('has one method per host command, each invoking its own channel with the request', async () => {
    const { ipc, calls } = fakeIpc()
    const api = buildHostApi(ipc)
    for (const name of HOST_COMMAND_NAMES) {
      await api[name]({ marker: name } as never)
    }
    expect(calls.map((call) => call.channel)).toEqual(HOST_COMMAND_NAMES.map((name) => commandChannel(name)))
    expect(calls.map((call) => call.args)).toEqual(HOST_COMMAND_NAMES.map((name) => [{ marker: name }]))
    expect(Object.keys(api).sort()).toEqual([...HOST_COMMAND_NAMES, 'onEvents'].sort())
  })

  it('resolves with the response of an ok envelope', async () => {
    const info = { name: 'Mira', version: '1', transport: 'electron', platform: 'linux', dataDir: '/d' }
    const { ipc } = fakeIpc(() => ({ ok: true, response: info }))
    await expect(buildHostApi(ipc).getAppInfo()).resolves.toEqual(info)
  })

  it('throws an error carrying the code, also inside the message (the bridge keeps only that)', async () => {
    const { ipc } = fakeIpc(() => ({ ok: false, error: { code: 'not-ready', message: 'The link is down' } }))
    const error = await buildHostApi(ipc)
      .sendMessage({ text: 'hi' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'HostError', code: 'not-ready', detail: 'The link is down' })
    const message = (error as Error).message
    expect(parseBridgeError(message)).toEqual({ code: 'not-ready', message: 'The link is down' })
    // What a renderer sees after the bridge re-creates the error in its own world.
    expect(parseBridgeError(`Error: ${message}`)).toEqual({ code: 'not-ready', message: 'The link is down' })
  })

  it('treats a malformed reply as an internal error instead of resolving with junk', async () => {
    const { ipc } = fakeIpc(() => 'surprise')
    await expect(buildHostApi(ipc).getSettings()).rejects.toMatchObject({ code: 'internal' })
  })

  it('passes event batches to the listener without the IPC event, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc()
    const api = buildHostApi(ipc)
    const received: unknown[][] = []
    const unsubscribe = api.onEvents((batch) => received.push(batch))
    const batch = [{ type: 'turn-token', turnId: 't1', chunk: 'Hel' }]
    emit(EVENTS_CHANNEL, batch)
    emit(EVENTS_CHANNEL, 'not a batch')
    emit('some-other-channel', batch)
    expect(received).toEqual([batch])
    unsubscribe()
    expect(listeners.get(EVENTS_CHANNEL)?.size).toBe(0)
    emit(EVENTS_CHANNEL, batch)
    expect(received).toHaveLength(1)
  })

  it('exposes exactly the API under the global key, and nothing else', async () => {
    await import('../../src/preload/index')
    expect(mocks.exposed).toHaveLength(1)
    expect(mocks.exposed[0]?.key).toBe(HOST_API_GLOBAL)
    const api = mocks.exposed[0]?.api as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...HOST_COMMAND_NAMES, 'onEvents'].sort())
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true)
  })
})
