/**
 * The server voice's side of Stop: a sentence dropped while the host is still synthesizing it is
 * cancelled through the host API (with the id its request carried), and its audio is never played.
 */
import { describe, expect, it, vi } from 'vitest'
import type { HostApi } from '../../../../../shared/host'
import { serverEngine } from './server'

type Synthesize = HostApi['synthesize']
type Cancel = HostApi['cancelSynthesis']

function setup() {
  const answers: ((audio: Uint8Array) => void)[] = []
  const synthesize = vi.fn<Synthesize>(
    () => new Promise((resolve) => answers.push((audio) => resolve({ audio, mimeType: 'audio/wav' }))),
  )
  const cancelSynthesis = vi.fn<Cancel>(async () => ({ ok: true }))
  const player = {
    decode: vi.fn(async (bytes: Uint8Array) => ({ duration: bytes.length }) as unknown as AudioBuffer),
    schedule: vi.fn(() => ({ cancel: () => {} })),
  }
  return { engine: serverEngine({ synthesize, cancelSynthesis }, player), synthesize, cancelSynthesis, player, answers }
}

describe('serverEngine', () => {
  it('asks for the sentence with a request id and plays the bytes it gets', async () => {
    const { engine, synthesize, cancelSynthesis, player, answers } = setup()
    const clip = engine.prepare('Hello.', new AbortController().signal)
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    answers[0]?.(new Uint8Array([1, 2, 3]))
    ;(await clip).start({ started: () => {}, ended: () => {}, failed: () => {} })
    expect(synthesize).toHaveBeenCalledWith({ text: 'Hello.', requestId: expect.any(String) })
    expect(player.decode).toHaveBeenCalledWith(new Uint8Array([1, 2, 3]))
    expect(player.schedule).toHaveBeenCalledOnce()
    expect(cancelSynthesis).not.toHaveBeenCalled()
  })

  it('cancels the host’s synthesis when the sentence is dropped, and never plays it', async () => {
    const { engine, synthesize, cancelSynthesis, player, answers } = setup()
    const abort = new AbortController()
    const clip = engine.prepare('Never mind.', abort.signal)
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    abort.abort()
    const requestId = synthesize.mock.calls[0]?.[0].requestId
    expect(requestId).toEqual(expect.any(String))
    expect(cancelSynthesis).toHaveBeenCalledWith({ requestId })
    answers[0]?.(new Uint8Array([1]))
    await expect(clip).rejects.toMatchObject({ name: 'AbortError' })
    expect(player.decode).not.toHaveBeenCalled()
  })
})
