/**
 * The speech store's engine fallback, in Node (no AudioContext, no speechSynthesis): a server
 * voice that fails falls back to the browser voice, which is absent here, so to text only, with
 * one note; later sentences are not even tried.
 */
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { HostError, type HostApi } from '../../../shared/host'
import { useConnectionStore } from './connection'
import { useSpeechStore } from './speech'
import { piniaWithHost } from './test-host'

function setup(synthesize: HostApi['synthesize']) {
  const pinia = piniaWithHost({ synthesize })
  return { speech: useSpeechStore(pinia), connection: useConnectionStore(pinia) }
}

describe('speech store', () => {
  it('falls back from a failing server voice to text only, with one note, and stops trying', async () => {
    const synthesize = vi.fn(async () => {
      throw new HostError('server-error', 'TTS returned 404')
    })
    const { speech, connection } = setup(synthesize)
    speech.enqueue({ type: 'turn-speech', turnId: 't1', chunk: 'First.' })
    speech.enqueue({ type: 'turn-speech', turnId: 't1', chunk: 'Second.', emotion: 'happy' })
    await vi.waitFor(() => expect(speech.engine).toBe('text'))
    expect(connection.notices.map((n) => n.text)).toEqual(['No voice is available (TTS returned 404): Mira’s answers are shown as text only.'])
    expect(speech.pending).toBe(0)
    expect(speech.speaking).toBe(false)

    const calls = synthesize.mock.calls.length
    speech.enqueue({ type: 'turn-speech', turnId: 't2', chunk: 'Third.' })
    expect(speech.pending).toBe(0)
    expect(synthesize.mock.calls.length).toBe(calls)
  })

  it('never asks a server without a voice (its protocol, known once the link status arrives) to speak', async () => {
    const synthesize = vi.fn(async () => ({ audio: new Uint8Array(), mimeType: 'audio/wav' }))
    const { speech, connection } = setup(synthesize)
    connection.setLink({ state: 'ready', serverUrl: 'ws://127.0.0.1:3001/ws', serverKind: 'custom', protocol: 'symindx', since: 0, attempt: 0 })
    await nextTick() // the status arrives well before any answer
    speech.enqueue({ type: 'turn-speech', turnId: 't1', chunk: 'Hello.' })
    await vi.waitFor(() => expect(speech.engine).toBe('text'))
    expect(synthesize).not.toHaveBeenCalled()
  })

  it('never asks a server whose protocol has no voice, also when the link reports after the store started', async () => {
    const synthesize = vi.fn(async () => ({ audio: new Uint8Array(), mimeType: 'audio/wav' }))
    const { speech, connection } = setup(synthesize)
    connection.setLink({ state: 'ready', serverUrl: 'ws://bots.example/ws', serverKind: 'custom', protocol: 'generalbots', since: 0, attempt: 0 })
    speech.enqueue({ type: 'turn-speech', turnId: 't1', chunk: 'Hello.' })
    await vi.waitFor(() => expect(speech.engine).toBeDefined())
    await vi.waitFor(() => expect(speech.pending).toBe(0))
    expect(speech.engine).not.toBe('server')
    expect(synthesize).not.toHaveBeenCalled()
  })

  it('with the voice switched off, never calls the server', async () => {
    const synthesize = vi.fn(async () => ({ audio: new Uint8Array(), mimeType: 'audio/wav' }))
    const { speech, connection } = setup(synthesize)
    speech.prefs.engine = 'off'
    await vi.waitFor(() => expect(speech.engine).toBe('text'))
    speech.enqueue({ type: 'turn-speech', turnId: 't1', chunk: 'Quiet.' })
    expect(synthesize).not.toHaveBeenCalled()
    expect(connection.notices).toEqual([])
  })
})
