/** `mira chat --protocol`: a Dexto server answers like a `/v1/chat/stream` one, with the same events and exit codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { MiniDexto } from '../core/protocols/mini-dexto'
import { FakeDextoServer } from '../fake-servers/dexto/server'
import { WebSocketServer } from 'ws'
import type { AddressInfo } from 'node:net'
import { tempDir } from './cli-process'
import { memoryIo } from './memory-io'

let dexto: MiniDexto
beforeAll(async () => {
  dexto = await MiniDexto.start()
  dexto.onFrame = (frame) => {
    if (frame.type !== 'message') return
    dexto.send('thinking')
    dexto.send('chunk', { content: 'Hello there. ' })
    dexto.send('toolCall', { toolName: 'clock', serverId: 'time', arguments: { zone: 'UTC' } })
    dexto.send('toolResult', { toolName: 'clock', serverId: 'time', result: '12:00' })
    dexto.send('chunk', { content: 'It is noon.' })
    dexto.send('response', { content: 'Hello there. It is noon.' })
  }
})
afterAll(() => dexto.stop())

const env = () => ({ MIRA_DATA_DIR: tempDir() })
const jsonEvents = (out: string) => out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)

describe('mira chat --protocol', () => {
  it('streams a Dexto answer and exits 0, without a token', async () => {
    const io = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'dexto', '--server', dexto.url, 'what time is it?'], io)).toBe(0)
    expect(io.out).toContain('Hello there. It is noon.')
    expect(dexto.received.at(-1)).toMatchObject({ type: 'message', content: 'what time is it?', stream: true })
  })

  it('prints the same --json events as for /v1/chat/stream, speech chunks made on the client', async () => {
    const io = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'dexto', '--server', dexto.url, '--session-id', 'fixed-session', '--json', 'hi'], io)).toBe(0)
    const events = jsonEvents(io.out)
    expect(events.map((e) => e.event)).toEqual(['start', 'token', 'tts', 'tool_call', 'tool_result', 'token', 'tts', 'end'])
    expect(events.filter((e) => e.event === 'tts').map((e) => e.chunk)).toEqual(['Hello there.', 'It is noon.'])
    expect(events.find((e) => e.event === 'tool_call')).toEqual({ event: 'tool_call', tool_name: 'clock', args: { zone: 'UTC' } })
    expect(events.at(-1)).toMatchObject({ event: 'end', content: 'Hello there. It is noon.', conversation_id: 'fixed-session' })
    // A given session is continued, not reset.
    expect(dexto.received.at(-1)).toEqual({ type: 'message', content: 'hi', sessionId: 'fixed-session', stream: true })
    expect(dexto.received.at(-2)?.type).not.toBe('reset')
  })

  it('exits 3 when nothing listens on the port', async () => {
    const io = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'dexto', '--server', 'ws://127.0.0.1:1/', '--timeout', '20', 'hello'], io)).toBe(3)
  })

  it('exits 64 for an unknown protocol', async () => {
    const unknown = memoryIo({ env: env() })
    expect(await main(['chat', '--protocol', 'irc', '--server', 'ws://127.0.0.1:1/', 'hello'], unknown)).toBe(64)
    expect(unknown.err).toContain('--protocol must be one of auto, dmp, symindx, dexto, generalbots, lexicon')
  })

  it('tells a /v1/chat/stream address from its path under auto', async () => {
    const io = memoryIo({ env: env() })
    // dmp needs a token: its usual refusal shows the protocol was recognised.
    expect(await main(['chat', '--server', 'ws://127.0.0.1:1/v1/chat/stream', 'hello'], io)).toBe(2)
    // An address that does not tell is probed: nothing listening there is unreachable (3), said as such.
    const ambiguous = memoryIo({ env: env() })
    expect(await main(['chat', '--server', 'ws://127.0.0.1:1/ws', 'hello'], ambiguous)).toBe(3)
    expect(ambiguous.err).toContain('Automatic: could not reach ws://127.0.0.1:1/ws')
    expect(ambiguous.err).toContain('pass --protocol')
  })

  it('probes a Dexto behind another path under --protocol auto, says what it found on stderr, and chats', async () => {
    const fake = await FakeDextoServer.start({ path: '/agent', answer: () => [{ say: 'Found you.' }] })
    try {
      const io = memoryIo({ env: env() })
      expect(await main(['chat', '--protocol', 'auto', '--server', fake.url, 'hello'], io)).toBe(0)
      expect(io.err).toContain(`Automatic: found Dexto (Saiki) at ${fake.url}`)
      expect(io.out).toContain('Found you.')
      // The probe sent no message: the only one is the user's.
      expect(fake.chatMessages().map((m) => m.text)).toEqual(['hello'])
    } finally {
      await fake.stop()
    }
  })

  it('exits 64 when the probe cannot tell, saying to pass --protocol', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    wss.on('connection', (ws) => {
      ws.send(JSON.stringify({ type: 'welcome' }))
      ws.close(1000)
    })
    try {
      const io = memoryIo({ env: env() })
      const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`
      expect(await main(['chat', '--protocol', 'auto', '--server', url, 'hello'], io)).toBe(64)
      expect(io.err).toContain(`Automatic: could not tell which kind of server ${url} is`)
      expect(io.err).toContain('pass --protocol')
    } finally {
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    }
  })
})

describe('mira doctor --protocol', () => {
  it('checks a Dexto server at its own path and skips what only /v1/chat/stream servers have', async () => {
    const io = memoryIo({ env: env() })
    expect(await main(['doctor', '--protocol', 'dexto', '--server', dexto.url, '--json'], io)).toBe(0)
    const report = JSON.parse(io.out) as { checks: { name: string; state: string }[] }
    const states = Object.fromEntries(report.checks.map((c) => [c.name, c.state]))
    expect(states).toMatchObject({ tcp: 'pass', websocket: 'pass', authorize: 'skip', ping: 'skip', rest: 'skip', tts: 'skip' })
  })
})
