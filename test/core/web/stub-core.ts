/** A small `HostCore` for web-host tests: a few real handlers, events pushed by the test. */
import { HOST_COMMAND_NAMES, HostError, type HostEvent, type HostEventListener, type HostHandlers, type OutgoingMessage } from '../../../src/shared/host'
import { defaultSettings } from '../../../src/shared/settings'
import type { HostCore } from '../../../src/main/core/host/dispatch'

export interface StubCore extends HostCore {
  emit(events: HostEvent[]): void
  /** Requests the handlers received, after validation. */
  calls: { command: string; request: unknown }[]
}

const notReady = async (): Promise<never> => {
  throw new HostError('not-ready', 'Not in the stub')
}

export function createStubCore(): StubCore {
  const listeners = new Set<HostEventListener>()
  const calls: StubCore['calls'] = []
  const view = { settings: defaultSettings(), hasToken: false, hasCompanionApiKey: false }
  const status = { state: 'offline' as const, serverUrl: 'ws://127.0.0.1:1/v1/chat/stream', serverKind: 'custom' as const, since: 0, attempt: 0 }
  let nextId = 1
  const implemented: Partial<HostHandlers> = {
    getAppInfo: async () => ({ name: 'Mira', version: '0.0.0-test', transport: 'web', platform: process.platform, dataDir: '/tmp/x' }),
    getSnapshot: async () => ({ status, messages: [], settings: view }),
    retryConnection: async () => ({ ok: true }),
    sendMessage: async (request) => {
      calls.push({ command: 'sendMessage', request })
      const message: OutgoingMessage = {
        id: `m${nextId++}`,
        conversationKey: request.conversationKey ?? 'c1',
        text: request.text,
        createdAt: 1,
        state: 'queued',
      }
      return message
    },
    interrupt: async (request) => {
      calls.push({ command: 'interrupt', request })
      return { ok: true }
    },
    getSettings: async () => view,
    synthesize: async () => {
      throw new Error('boom')
    },
  }
  // Every other command (including ones added later) answers `not-ready`.
  const handlers = { ...Object.fromEntries(HOST_COMMAND_NAMES.map((name) => [name, notReady])), ...implemented } as HostHandlers
  return {
    handlers,
    calls,
    onEvents(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(events) {
      for (const listener of listeners) listener(events)
    },
  }
}
