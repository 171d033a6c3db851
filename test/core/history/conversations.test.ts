/**
 * The conversation commands through the real core: the app's history merged with a fake server's
 * short-term memory, opening and continuing a server conversation, delete/undo, and a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostResponse } from '../../../src/shared/host'
import { createMiraCore, type MiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { FakeAgentServer, type StmSession } from '../../support/fake-agent-server'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const session = (id: string, title?: string): StmSession => ({
  session_id: id,
  user_id: 'local-user',
  agent_id: 'mira',
  created_at: '2025-01-02T10:00:00Z',
  updated_at: '2025-01-02T10:05:00Z',
  metadata: title ? { title } : {},
})

async function setup(stm?: { sessions: StmSession[]; history: Record<string, { role: 'user' | 'assistant'; content: string }[]> }) {
  const server = await FakeAgentServer.start(stm ? { rest: { stm } } : {})
  cleanups.push(() => server.stop())
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-conv-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))

  async function start() {
    const core: MiraCore = await createMiraCore({
      dataDir,
      transport: 'web',
      overrides: { serverUrl: server.url, token: 'test-token' },
      log: () => {},
    })
    cleanups.push(() => core.close())
    const events: HostEvent[] = []
    core.onEvents((batch) => events.push(...batch))
    const call = async (name: string, request?: unknown): Promise<unknown> => {
      const result = await dispatchCommand(core.handlers, name, request)
      // The text code (for the UI's own words) rides along at the end: `… [noSuchConversation]`.
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} [${result.error.textCode ?? ''}]`)
      return result.response
    }
    const list = async () => (await call('listConversations')) as HostResponse<'listConversations'>
    const turnEnds = () => events.filter((e) => e.type === 'turn-end')
    /** Sends, and waits for the answer's `turn-end`. */
    const chat = async (text: string, conversationKey?: string) => {
      const before = turnEnds().length
      const message = (await call('sendMessage', { text, ...(conversationKey ? { conversationKey } : {}) })) as { conversationKey: string }
      await vi.waitFor(() => expect(turnEnds().length).toBe(before + 1), { timeout: 10_000 })
      return message.conversationKey
    }
    return { core, call, list, chat }
  }
  return { server, start }
}

describe('conversations', () => {
  it('merges the server sessions with the local history, and opens and continues a server one', async () => {
    const stm = { sessions: [session('s-old', 'Trip plans')], history: { 's-old': [{ role: 'user' as const, content: 'Plan a trip' }, { role: 'assistant' as const, content: 'Where to?' }] } }
    const { server, start } = await setup(stm)
    const { call, list, chat } = await start()
    const key = await chat('hello there')
    expect(server.framesOfType('chat_message')).toHaveLength(1)

    const first = await list()
    expect(first.server).toBe('merged')
    expect(first.conversations.map((c) => [c.conversationKey, c.title, c.source])).toEqual([
      [key, 'hello there', 'local'],
      ['s-old', 'Trip plans', 'server'],
    ])
    // The server now keeps the app's conversation too: one entry, known to both.
    const local = first.conversations[0]
    if (!local?.conversationId) throw new Error('the conversation id was not recorded')
    stm.sessions.push(session(local.conversationId, 'Server title'))
    expect((await list()).conversations.map((c) => [c.conversationKey, c.title, c.source])).toEqual([
      [key, 'hello there', 'both'],
      ['s-old', 'Trip plans', 'server'],
    ])

    const opened = (await call('loadConversation', { conversationKey: 's-old' })) as HostResponse<'loadConversation'>
    expect(opened.messages).toEqual([
      { role: 'user', text: 'Plan a trip' },
      { role: 'assistant', text: 'Where to?' },
    ])
    await chat('To Rome', 's-old')
    expect(server.framesOfType('chat_message').at(-1)?.frame).toMatchObject({ content: 'To Rome', conversation_id: 's-old' })
    // The app holds only the part said since; the server's copy stays the one shown.
    stm.history['s-old'].push({ role: 'user', content: 'To Rome' }, { role: 'assistant', content: 'You said: To Rome' })
    const again = (await call('loadConversation', { conversationKey: 's-old' })) as HostResponse<'loadConversation'>
    expect(again.messages.map((m) => m.text)).toEqual(['Plan a trip', 'Where to?', 'To Rome', 'You said: To Rome'])
    expect((await list()).conversations.find((c) => c.conversationKey === 's-old')).toMatchObject({ title: 'Trip plans', source: 'both' })
  })

  it('falls back to the local history when the server keeps none', async () => {
    const { start } = await setup()
    const { call, list, chat } = await start()
    const key = await chat('first words')
    await chat('more words', key)
    const listed = await list()
    expect(listed.server).toBe('unsupported')
    expect(listed.conversations.map((c) => [c.title, c.source])).toEqual([['first words', 'local']])
    const opened = (await call('loadConversation', { conversationKey: key })) as HostResponse<'loadConversation'>
    expect(opened.messages.map((m) => `${m.role}: ${m.text}`)).toEqual([
      'user: first words',
      'assistant: You said: first words',
      'user: more words',
      'assistant: You said: more words',
    ])
    await expect(call('loadConversation', { conversationKey: 'nope' })).rejects.toThrow(/invalid-request: There is no such conversation \[noSuchConversation\]/)
    await expect(call('renameConversation', { conversationKey: key, title: '   ' })).rejects.toThrow(/invalid-request/)
  })

  it('renames, deletes with undo, and keeps it all across a restart', async () => {
    const stm = { sessions: [session('s-1', 'From the server'), session('s-2', 'Also on the server')], history: {} }
    const { start } = await setup(stm)
    const first = await start()
    const kept = await first.chat('keep this one')
    const dropped = await first.chat('delete this one')
    await first.list()
    await first.call('renameConversation', { conversationKey: kept, title: 'Kept chat' })
    await first.call('renameConversation', { conversationKey: 's-2', title: 'Renamed server chat' })
    await first.call('deleteConversation', { conversationKey: dropped })
    await first.call('deleteConversation', { conversationKey: 's-1' })
    expect((await first.list()).conversations.map((c) => c.title).sort()).toEqual(['Kept chat', 'Renamed server chat'])
    // Undo brings it back; deleting again sends it to the trash for good.
    expect(await first.call('restoreConversation', { conversationKey: dropped })).toMatchObject({ title: 'delete this one', source: 'local' })
    expect((await first.list()).conversations).toHaveLength(3)
    await first.call('deleteConversation', { conversationKey: dropped })
    await first.core.close()

    const second = await start()
    const titles = (await second.list()).conversations.map((c) => [c.title, c.source])
    expect(titles).toEqual(expect.arrayContaining([['Kept chat', 'local'], ['Renamed server chat', 'server']]))
    expect(titles).toHaveLength(2)
    await expect(second.call('restoreConversation', { conversationKey: dropped })).rejects.toThrow(/no such conversation in the trash \[notInTrash\]/)
  })
})
