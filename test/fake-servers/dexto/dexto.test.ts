/** The Dexto fake behaves as dexto-saiki-websocket.md says, driven the way the guide's own client does. */
import { afterEach, describe, expect, it } from 'vitest'
import { closeAllRaw, connectRaw } from '../shared/raw-client'
import { FakeDextoServer } from './server'

let server: FakeDextoServer | undefined
afterEach(async () => {
  closeAllRaw()
  await server?.stop()
  server = undefined
})

const event = (name: string) => (f: Record<string, unknown>) => f.event === name
const events = (frames: Record<string, unknown>[]) => frames.map((f) => f.event)

describe('FakeDextoServer', () => {
  it('answers the guide example message (no stream) with thinking then the whole response', async () => {
    server = await FakeDextoServer.start()
    const c = await connectRaw(server.url)
    c.send({ type: 'message', content: "What's in this directory?" })
    expect(await c.next(event('response'))).toEqual({ event: 'response', data: { content: "You said: What's in this directory?" } })
    expect(events(c.frames)).toEqual(['thinking', 'response'])
    expect(server.received[0]?.frame).toEqual({ type: 'message', content: "What's in this directory?" })
  })

  it('streams chunks with stream: true, with tool events between, and the response carries the whole text', async () => {
    server = await FakeDextoServer.start({
      answer: () => [{ say: 'Let me look. ' }, { tool: 'list_files', args: { path: './src' }, result: { files: 3 } }, { say: '[happy] Three files.' }],
    })
    const c = await connectRaw(server.url)
    c.send({ type: 'message', content: 'ls', sessionId: 's1', stream: true })
    const response = await c.next(event('response'))
    expect(response.data).toEqual({ content: 'Let me look. [happy] Three files.' })
    const chunks = c.frames.filter(event('chunk')).map((f) => (f.data as { content: string }).content)
    expect(chunks.join('')).toBe('Let me look. [happy] Three files.')
    expect(chunks.length).toBeGreaterThan(2)
    expect(c.frames.find(event('toolCall'))?.data).toEqual({ toolName: 'list_files', serverId: 'fake-mcp', arguments: { path: './src' } })
    expect(c.frames.find(event('toolResult'))?.data).toEqual({ toolName: 'list_files', serverId: 'fake-mcp', result: { files: 3 } })
    const order = events(c.frames).filter((e, i, all) => e !== all[i - 1])
    expect(order).toEqual(['thinking', 'chunk', 'toolCall', 'toolResult', 'chunk', 'response'])
  })

  it('broadcasts agent events to every client; connection errors only to the sender', async () => {
    server = await FakeDextoServer.start()
    const asker = await connectRaw(server.url)
    const other = await connectRaw(server.url)
    asker.send({ type: 'message', content: 'hi' })
    await other.next(event('thinking'))
    expect((await other.next(event('response'))).data).toEqual({ content: 'You said: hi' })
    asker.sendRaw('{oops')
    expect((await asker.next(event('error'))).data).toEqual({ message: 'Failed to process message' })
    asker.send({ type: 'shout' })
    expect((await asker.next(event('error'))).data).toEqual({ message: 'Unknown message type' })
    asker.send({ type: 'message' })
    expect((await asker.next(event('error'))).data).toEqual({ message: 'Failed to process message' })
    other.send({ type: 'message', content: 'marker' })
    await asker.next(event('response'))
    expect(other.frames.some(event('error'))).toBe(false)
  })

  it('goes on with an answer after its asker drops: a client that reconnects gets the rest', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    server = await FakeDextoServer.start({
      answer: async function* () {
        yield { say: 'First half, ' }
        await gate
        yield { say: 'second half.' }
      },
    })
    const asker = await connectRaw(server.url)
    asker.send({ type: 'message', content: 'long one', stream: true })
    await asker.next(event('chunk'))
    server.dropAll()
    await asker.closed
    const back = await connectRaw(server.url)
    release()
    expect((await back.next(event('response'))).data).toEqual({ content: 'First half, second half.' })
    expect(back.frames.filter(event('chunk')).map((f) => (f.data as { content: string }).content)).toEqual(['second ', 'half.'])
  })

  it('reports agent errors with a code and ends the answer there', async () => {
    server = await FakeDextoServer.start({ answer: () => [{ say: 'Trying' }, { fail: 'TOOL_EXECUTION_FAILED', message: 'list_files crashed' }] })
    const c = await connectRaw(server.url)
    c.send({ type: 'message', content: 'x', stream: true })
    expect((await c.next(event('error'))).data).toEqual({ message: 'list_files crashed', code: 'TOOL_EXECUTION_FAILED' })
    server.answer = () => [{ say: 'next' }]
    c.send({ type: 'message', content: 'y' })
    await c.next(event('response'))
    expect(c.frames.filter(event('response'))).toHaveLength(1)
  })

  it('keeps history per session and reset clears it', async () => {
    server = await FakeDextoServer.start({ answer: (m) => [{ say: `${m.conversation} knows ${m.history.length / 2}` }] })
    const c = await connectRaw(server.url)
    c.send({ type: 'message', content: 'a', sessionId: 's1' })
    expect((await c.next(event('response'))).data).toEqual({ content: 's1 knows 0' })
    c.send({ type: 'message', content: 'b', sessionId: 's1' })
    expect((await c.next(event('response'))).data).toEqual({ content: 's1 knows 1' })
    c.send({ type: 'message', content: 'c' })
    expect((await c.next(event('response'))).data).toEqual({ content: 'default knows 0' })
    c.send({ type: 'reset', sessionId: 's1' })
    c.send({ type: 'message', content: 'd', sessionId: 's1' })
    expect((await c.next(event('response'))).data).toEqual({ content: 's1 knows 0' })
    expect(server.history.get('default')).toHaveLength(2)
  })

  it('with a token set, refuses an upgrade without it (401) and accepts a bearer header', async () => {
    server = await FakeDextoServer.start({ token: 'k' })
    await expect(connectRaw(server.url)).rejects.toThrow(/401/)
    const c = await connectRaw(server.url, { headers: { Authorization: 'Bearer k' } })
    c.send({ type: 'message', content: 'hi' })
    await c.next(event('response'))
  })

  it('faults: drop mid-stream, malformed frames, never answering, and a step the script cannot express', async () => {
    server = await FakeDextoServer.start({ answer: () => [{ say: 'half an ' }, { raw: 'not json' }, { drop: true }] })
    const c = await connectRaw(server.url)
    c.send({ type: 'message', content: 'x', stream: true })
    await c.next((f) => f.unparsed === 'not json')
    expect((await c.closed).code).toBe(1006)
    expect(c.frames.some(event('response'))).toBe(false)

    const d = await connectRaw(server.url)
    server.dropMessages = true
    d.send({ type: 'message', content: 'lost' })
    d.send({ type: 'nope' })
    await d.next(event('error'))
    expect(d.frames).toEqual([{ event: 'error', data: { message: 'Unknown message type' } }])

    server.dropMessages = false
    server.answer = () => [{ emotion: 'happy' }]
    d.send({ type: 'message', content: 'feel' })
    expect((await d.next(event('error'))).data).toEqual({ message: 'Dexto has no emotion frames', code: 'FAKE_SCRIPT_ERROR' })
  })
})
