/**
 * How fast the core turns wire frames into typed events: `parseServerFrame` alone, and the whole
 * ChatLink path (bytes → text → parse → validate → dispatch → `frame` listener), against bare
 * `JSON.parse` of the same frames. The socket is an in-memory stand-in, so only the core is timed.
 */
import { EventEmitter } from 'node:events'
import { ChatLink } from '../src/main/core/link/chat-link'
import type { LinkSocket } from '../src/main/core/link/types'
import { parseServerFrame } from '../src/shared/protocol'
import { compare, type Bench } from './harness'

/** A deterministic pseudo-random source (LCG), so every run benches the same frames. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const WORDS = ['the', 'a', 'sky', 'is', 'blue', 'today', 'and', 'I', 'think', 'we', 'could', 'walk', 'to', 'the', 'river', 'later', 'weather', 'looks', 'fine']

/** Turns as the real server streams them: start, tokens with sentence-sized tts chunks, a tool call now and then, end. */
export function realisticFrames(turns = 60): string[] {
  const random = seeded(42)
  const envelope = { id: null, timestamp: null }
  const frames: string[] = []
  for (let t = 0; t < turns; t++) {
    const turnId = `9b2f6a1e-0c4d-4f7a-9e1b-${String(t).padStart(12, '0')}`
    frames.push(JSON.stringify({ type: 'stream_start', turn_id: turnId, conversation_id: 'c0ffee00-0000-4000-8000-000000000001', ...envelope }))
    if (random() < 0.3) {
      frames.push(JSON.stringify({ type: 'tool_call', tool_name: 'get_weather', args: JSON.stringify({ city: 'Lyon', unit: 'celsius' }), node: 'agent', ...envelope }))
      frames.push(JSON.stringify({ type: 'tool_result', result: JSON.stringify({ temperature: 21.5, sky: 'clear', wind_kmh: 12 }), node: 'tools', ...envelope }))
    }
    let content = ''
    let sentence = ''
    const tokenCount = 120 + Math.floor(random() * 160)
    for (let i = 0; i < tokenCount; i++) {
      const word = WORDS[Math.floor(random() * WORDS.length)] ?? 'x'
      const end = random() < 0.08 ? '. ' : ' '
      const chunk = `${word}${end}`
      content += chunk
      sentence += chunk
      frames.push(JSON.stringify({ type: 'stream_token', chunk, node: null, ...envelope }))
      if (end === '. ') {
        frames.push(JSON.stringify({ type: 'tts_ready_chunk', chunk: sentence.trim(), emotion: random() < 0.5 ? null : 'happy', ...envelope }))
        sentence = ''
      }
    }
    frames.push(JSON.stringify({ type: 'stream_end', turn_id: turnId, conversation_id: 'c0ffee00-0000-4000-8000-000000000001', content, ...envelope }))
  }
  return frames
}

/** An always-open in-memory socket: the bench pushes frames in with `emit('message', …)`. */
class MemorySocket extends EventEmitter implements LinkSocket {
  readyState = 1
  send(): void {}
  close(code = 1000): void {
    this.readyState = 3
    this.emit('close', code, Buffer.alloc(0))
  }
  terminate(): void {
    this.close(1006)
  }
}

async function readyLinkOn(socket: MemorySocket): Promise<ChatLink> {
  const link = new ChatLink({ url: 'ws://127.0.0.1:5500/v1/chat/stream', getToken: () => 'bench', createSocket: () => socket })
  link.start()
  socket.emit('open')
  socket.emit('message', Buffer.from(JSON.stringify({ type: 'authorize_success', connection_id: 'bench' })), false)
  if (link.status.state !== 'ready') throw new Error(`bench link is ${link.status.state}`)
  return link
}

export const framesBench: Bench = {
  name: 'frames',
  description: 'server frames parsed and dispatched per second (realistic mix) vs bare JSON.parse',
  async run() {
    const texts = realisticFrames()
    const buffers = texts.map((text) => Buffer.from(text))
    const socket = new MemorySocket()
    const link = await readyLinkOn(socket)
    let delivered = 0
    let sink = 0
    link.on('frame', () => delivered++)
    link.on('bad-frame', (bad) => {
      throw new Error(`bench frame rejected: ${bad.message}`)
    })

    const rows = compare(
      [
        {
          label: 'JSON.parse (baseline)',
          pass: () => {
            for (const text of texts) sink += (JSON.parse(text) as { type: string }).type.length
            return texts.length
          },
        },
        {
          label: 'parseServerFrame',
          pass: () => {
            for (const text of texts) if (parseServerFrame(text).ok) sink++
            return texts.length
          },
        },
        {
          label: 'ChatLink dispatch (bytes → frame event)',
          pass: () => {
            for (const buffer of buffers) socket.emit('message', buffer, false)
            return buffers.length
          },
        },
      ],
      'frames/s',
      { passesPerRound: 2 },
    )
    await link.stop()
    const counts = new Map<string, number>()
    for (const text of texts) {
      const type = (JSON.parse(text) as { type: string }).type
      counts.set(type, (counts.get(type) ?? 0) + 1)
    }
    const mix = [...counts].map(([type, n]) => `${type} ${((100 * n) / texts.length).toFixed(1)}%`).join(', ')
    return {
      title: `Frames: ${texts.length} frames per pass (${mix})`,
      rows,
      notes: [`delivered ${delivered} frame events; checksum ${sink % 997}`],
    }
  },
}
