/** Frames written in one tick leave together: the socket is corked once per tick, not per frame. */
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { frameSender } from '../../../src/server/endpoint/send-frame'

describe('frameSender', () => {
  it('corks the socket for the frames of one tick and uncorks it once, with the envelope on each frame', async () => {
    const log: string[] = []
    const ws = { readyState: 1, bufferedAmount: 0, send: (text: string) => log.push(`send ${text}`) }
    const socket = { cork: () => void log.push('cork'), uncork: () => void log.push('uncork') }
    const send = frameSender(ws as unknown as WebSocket, { socket, maxBufferedBytes: 1024, onStalled: () => log.push('stalled') })
    send({ type: 'stream_start', turn_id: 't', conversation_id: 'c' })
    send({ type: 'stream_token', chunk: 'Hi' })
    await new Promise<void>((resolve) => process.nextTick(resolve))
    send({ type: 'stream_token', chunk: ' there' })
    await new Promise<void>((resolve) => process.nextTick(resolve))
    expect(log).toEqual([
      'cork',
      'send {"type":"stream_start","turn_id":"t","conversation_id":"c","id":null,"timestamp":null}',
      'send {"type":"stream_token","chunk":"Hi","id":null,"timestamp":null}',
      'uncork',
      'cork',
      'send {"type":"stream_token","chunk":" there","id":null,"timestamp":null}',
      'uncork',
    ])
  })

  it('drops a client whose unread output passed the mark, once, and sends it nothing more', async () => {
    const sent: string[] = []
    let stalls = 0
    const ws = { readyState: 1, bufferedAmount: 0, send: (text: string) => sent.push(text) }
    const send = frameSender(ws as unknown as WebSocket, { socket: { cork: () => {}, uncork: () => {} }, maxBufferedBytes: 10, onStalled: () => stalls++ })
    send({ type: 'ping' })
    ws.bufferedAmount = 11
    await new Promise<void>((resolve) => process.nextTick(resolve))
    send({ type: 'ping' })
    expect(stalls).toBe(1)
    expect(sent).toHaveLength(1)
  })
})
