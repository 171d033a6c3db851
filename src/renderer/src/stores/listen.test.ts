/**
 * The listen store's decisions, with the microphone and the detector replaced by fakes that the
 * test drives (the real ones run in the e2e spec): hands-free sends each utterance once; while
 * Mira speaks, only speech that barges in gets through (her own voice never does) and the
 * detector is stricter; push-to-talk sends everything held, and nothing for a slip; the
 * microphone's problems are said in words.
 */
import { nextTick } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { HostApi } from '../../../shared/host'
import type { DetectorEvents, DetectorOptions } from '../composables/audio/voice-detector'
import { useGlobalPushToTalkStore } from './global-push-to-talk'
import { useListenStore } from './listen'
import { useSpeechStore } from './speech'
import { piniaWithHost } from './test-host'

const fakes = vi.hoisted(() => ({
  events: undefined as DetectorEvents | undefined,
  options: [] as DetectorOptions[],
  startMic: undefined as unknown as ReturnType<typeof vi.fn>,
}))

// Node has no Web Audio: the speech store's player gets a graph that connects and plays nothing.
vi.mock('../composables/audio/audio-owner', () => {
  const node = () => ({ connect: <T>(next: T): T => next, gain: { value: 1, setTargetAtTime: () => undefined } })
  const context = { state: 'running', currentTime: 0, sampleRate: 48_000, destination: {}, createAnalyser: node, createGain: node, resume: async () => undefined }
  return { resumeAudio: () => undefined, audioContext: () => context }
})
vi.mock('../composables/audio/voice-detector', async () => {
  const { Signal } = await import('../lib/speech/signal')
  return {
    VoiceDetector: class {
      readonly progress = new Signal(0)
      constructor(events: DetectorEvents) {
        fakes.events = events
      }
      async load(): Promise<void> {
        this.progress.set(1)
      }
      async start(_stream: unknown, options: DetectorOptions): Promise<void> {
        fakes.options.push(options)
      }
      async stop(): Promise<void> {}
      setOptions(options: DetectorOptions): void {
        fakes.options.push(options)
      }
    },
  }
})
vi.mock('../composables/audio/microphone', async () => {
  const { Signal } = await import('../lib/speech/signal')
  class MicError extends Error {
    constructor(readonly problem: string) {
      super(problem)
    }
  }
  const mic = {
    open: new Signal(false),
    level: new Signal(0),
    onLost: undefined as ((problem: string) => void) | undefined,
    start: vi.fn(async () => {
      mic.open.set(true)
      return {}
    }),
    stop: vi.fn(() => mic.open.set(false)),
  }
  fakes.startMic = mic.start
  return { MicError, useMicrophone: () => mic }
})

const speechFrames = (seconds: number): Float32Array => new Float32Array(16_000 * seconds).fill(0.1)

function setup(text = 'hello there', more: Partial<HostApi> = {}) {
  const transcribe = vi.fn<HostApi['transcribe']>(async () => ({ text, engine: 'fake', provider: 'server' }))
  const sendMessage = vi.fn<HostApi['sendMessage']>(async (request) => ({ id: 'm1', conversationKey: 'c1', text: request.text, createdAt: 0, state: 'sent' }))
  // A voice that never finishes synthesizing: Mira is speaking for as long as the test wants.
  const synthesize = vi.fn<HostApi['synthesize']>(() => new Promise(() => undefined))
  const cancelSynthesis = vi.fn<HostApi['cancelSynthesis']>(async () => ({ ok: true as const }))
  const pinia = piniaWithHost({ transcribe, sendMessage, synthesize, cancelSynthesis, interrupt: vi.fn(async () => ({ ok: true as const })), ...more })
  return { pinia, listen: useListenStore(pinia), speech: useSpeechStore(pinia), transcribe, sendMessage, cancelSynthesis }
}

beforeEach(async () => {
  const { useMicrophone } = await import('../composables/audio/microphone')
  useMicrophone().stop()
  fakes.options = []
  fakes.events = undefined
  fakes.startMic.mockClear()
})

describe('hands-free', () => {
  it('the mic button opens the microphone; an utterance is transcribed as a 16 kHz WAV and sent once', async () => {
    const { listen, transcribe, sendMessage } = setup()
    expect(listen.status).toBe('off')
    await listen.toggleHandsFree()
    expect(listen.micOn).toBe(true)
    expect(listen.status).toBe('listening')
    fakes.events?.speechStart()
    expect(listen.status).toBe('hearing')
    fakes.events?.speechEnd(speechFrames(1))
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1))
    const wav = atob(transcribe.mock.calls[0]?.[0].audioBase64 ?? '')
    expect(wav.slice(0, 4)).toBe('RIFF')
    expect(wav.length).toBe(44 + 16_000 * 2)
    expect(sendMessage.mock.calls[0]?.[0]).toMatchObject({ text: 'hello there' })
    expect(listen.heard).toBe('hello there')

    await listen.toggleHandsFree()
    expect(listen.micOn).toBe(false)
    expect(listen.status).toBe('off')
  })

  it('nothing recognised: a note, no message', async () => {
    const { listen, sendMessage } = setup('  ')
    await listen.toggleHandsFree()
    fakes.events?.speechStart()
    fakes.events?.speechEnd(speechFrames(1))
    await vi.waitFor(() => expect(listen.problem).toEqual({ key: 'listen.nothingRecognised' }))
    expect(sendMessage).not.toHaveBeenCalled()
  })
})

describe('while Mira speaks', () => {
  async function speaking() {
    const context = setup('stop please')
    context.speech.enqueue({ type: 'turn-speech', turnId: 't1', chunk: 'A long sentence.' })
    await vi.waitFor(() => expect(context.speech.speaking).toBe(true))
    await context.listen.toggleHandsFree()
    await nextTick()
    return context
  }

  it('the detector is stricter, and her own voice alone (no confirmed speech) is never sent', async () => {
    const { listen, transcribe } = await speaking()
    const normal = listen.prefs.startThreshold
    expect(fakes.options.at(-1)?.startThreshold).toBeGreaterThan(normal)
    fakes.events?.speechStart()
    fakes.events?.speechEnd(speechFrames(1))
    await nextTick()
    expect(transcribe).not.toHaveBeenCalled()
    expect(listen.bargeIns).toBe(0)
  })

  it('confirmed speech barges in: her voice stops at once, and what was said is sent', async () => {
    const { listen, speech, sendMessage, cancelSynthesis } = await speaking()
    fakes.events?.speechStart()
    fakes.events?.speechConfirmed()
    expect(listen.bargeIns).toBe(1)
    expect(speech.speaking).toBe(false)
    // The sentence still being synthesized is cancelled too, not left to delay the next answer.
    expect(cancelSynthesis).toHaveBeenCalled()
    await nextTick()
    expect(fakes.options.at(-1)?.startThreshold).toBe(listen.prefs.startThreshold)
    fakes.events?.speechEnd(speechFrames(1))
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledWith(expect.objectContaining({ text: 'stop please' })))
  })

  it('with barge-in off, speech over her is ignored', async () => {
    const { listen, speech, transcribe } = await speaking()
    listen.prefs.bargeIn = false
    fakes.events?.speechStart()
    fakes.events?.speechConfirmed()
    fakes.events?.speechEnd(speechFrames(1))
    await nextTick()
    expect(speech.speaking).toBe(true)
    expect(transcribe).not.toHaveBeenCalled()
  })
})

describe('push-to-talk', () => {
  it('sends every frame between press and release, then closes the microphone', async () => {
    const { listen, transcribe, sendMessage } = setup()
    await listen.holdStart()
    expect(listen.micOn).toBe(true)
    for (let i = 0; i < 20; i++) fakes.events?.frame(new Float32Array(512).fill(0.2), i > 5 ? 0.9 : 0.1)
    // A pause mid-sentence ends an utterance for the detector, not for push-to-talk.
    fakes.events?.speechEnd(speechFrames(0.3))
    await listen.holdEnd(true)
    expect(listen.micOn).toBe(false)
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1))
    expect(atob(transcribe.mock.calls[0]?.[0].audioBase64 ?? '').length).toBe(44 + 20 * 512 * 2)
  })

  it('a slip (too short, or no speech heard) sends nothing and says why; a click sends nothing at all', async () => {
    const { listen, transcribe } = setup()
    await listen.holdStart()
    fakes.events?.frame(new Float32Array(512), 0.9)
    await listen.holdEnd(true)
    expect(listen.problem).toEqual({ key: 'listen.notHeard' })
    await listen.holdStart()
    for (let i = 0; i < 20; i++) fakes.events?.frame(new Float32Array(512), 0.05)
    await listen.holdEnd(true)
    await listen.holdStart()
    await listen.click()
    expect(listen.handsFree).toBe(true)
    expect(listen.micOn).toBe(true)
    expect(transcribe).not.toHaveBeenCalled()
  })
})

describe('system-wide push-to-talk (the host’s key events)', () => {
  function withGlobalKey() {
    const setGlobalPushToTalk = vi.fn<HostApi['setGlobalPushToTalk']>(async ({ key }) => (key ? { mode: 'toggle', key, reason: 'wayland' } : { mode: 'off' }))
    const made = setup('from any app', { setGlobalPushToTalk })
    return { ...made, setGlobalPushToTalk, ptt: useGlobalPushToTalkStore(made.pinia) }
  }

  it('asks the host for the chosen key (nothing while off) and keeps what it got', async () => {
    const { listen, ptt, setGlobalPushToTalk } = withGlobalKey()
    expect(setGlobalPushToTalk).not.toHaveBeenCalled()
    listen.prefs.globalPushToTalkKey = 'F8'
    await vi.waitFor(() => expect(ptt.status).toEqual({ mode: 'toggle', key: 'F8', reason: 'wayland' }))
    listen.prefs.globalPushToTalkKey = ''
    await vi.waitFor(() => expect(ptt.status).toEqual({ mode: 'off' }))
    expect(setGlobalPushToTalk.mock.calls.map((c) => c[0])).toEqual([{ key: 'F8' }, { key: null }])
  })

  it('press holds, release sends what was said', async () => {
    const { listen, ptt, sendMessage } = withGlobalKey()
    ptt.pushed('press')
    expect(listen.holding).toBe(true)
    await vi.waitFor(() => expect(listen.micOn).toBe(true))
    for (let i = 0; i < 20; i++) fakes.events?.frame(new Float32Array(512).fill(0.2), 0.9)
    ptt.pushed('release')
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledWith(expect.objectContaining({ text: 'from any app' })))
    expect(listen.micOn).toBe(false)
  })

  it('a press while the window’s own push-to-talk is held leaves it alone, and so does its release', async () => {
    const { listen, ptt, sendMessage } = withGlobalKey()
    await listen.holdStart()
    fakes.events?.frame(new Float32Array(512).fill(0.2), 0.9)
    ptt.pushed('press')
    ptt.pushed('release')
    expect(listen.holding).toBe(true)
    for (let i = 0; i < 19; i++) fakes.events?.frame(new Float32Array(512).fill(0.2), 0.9)
    await listen.holdEnd(true)
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1))
  })
})

describe('microphone problems', () => {
  it('a refused microphone is said in words and listening stays off', async () => {
    const { listen } = setup()
    const { MicError } = await import('../composables/audio/microphone')
    fakes.startMic.mockRejectedValueOnce(new MicError('denied'))
    await listen.toggleHandsFree()
    expect(listen.handsFree).toBe(false)
    expect(listen.micOn).toBe(false)
    expect(listen.problem).toEqual({ key: 'listen.problems.denied' })
  })

  it('an unplugged microphone stops listening and says so', async () => {
    const { listen } = setup()
    const { useMicrophone } = await import('../composables/audio/microphone')
    await listen.toggleHandsFree()
    useMicrophone().stop()
    useMicrophone().onLost?.('unplugged')
    expect(listen.handsFree).toBe(false)
    expect(listen.status).toBe('off')
    expect(listen.problem).toEqual({ key: 'listen.problems.unplugged' })
  })
})
