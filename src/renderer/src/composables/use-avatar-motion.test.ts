// @vitest-environment jsdom
/** The built-in avatar idles at the idle pace and writes only what changed; it talks and reacts at the display's pace. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, ref } from 'vue'
import type { Mood } from '../lib/avatar/mood'
import { Signal } from '../lib/speech/signal'
import { useAvatarMotion } from './use-avatar-motion'

/** Display frames by hand, 60 a second. */
let queue: ((t: number) => void)[] = []
let clock = 0
let requests = 0
function displayFor(seconds: number): void {
  for (let i = 0; i < seconds * 60; i++) {
    clock += 1000 / 60
    vi.advanceTimersByTime(1000 / 60)
    const due = queue
    queue = []
    for (const run of due) run(clock)
  }
}

beforeEach(() => {
  queue = []
  clock = 0
  requests = 0
  vi.stubGlobal('requestAnimationFrame', (run: (t: number) => void) => (requests++, queue.push(run)))
  vi.stubGlobal('cancelAnimationFrame', (id: number) => (queue[id - 1] = () => undefined))
  vi.stubGlobal('matchMedia', () => ({ matches: false }))
  vi.spyOn(performance, 'now').mockImplementation(() => clock)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

function mountAvatar(mood: Mood, mouth = new Signal({ open: 0, spread: 0.5 })) {
  const writes = new Map<string, number>()
  const Avatar = defineComponent(() => {
    const root = ref<SVGSVGElement>()
    useAvatarMotion(root, { mood: () => mood, mouth })
    return () =>
      h('svg', { ref: root }, [h('g', { 'data-part': 'float' }), h('g', { 'data-part': 'cheeks' }), h('path', { 'data-part': 'mouth' })])
  })
  const host = document.createElement('div')
  const app = createApp(Avatar)
  app.mount(host)
  for (const part of host.querySelectorAll<SVGElement>('[data-part]')) {
    const name = part.dataset.part ?? ''
    const write = part.setAttribute.bind(part)
    part.setAttribute = (attr, value) => {
      writes.set(name, (writes.get(name) ?? 0) + 1)
      write(attr, value)
    }
  }
  return { writes, mouth, unmount: () => app.unmount() }
}

describe('useAvatarMotion', () => {
  it('idles at 24 frames a second at most, and writes a still part once', () => {
    const { writes, unmount } = mountAvatar({ expression: 'neutral', weight: 0, state: 'idle' })
    displayFor(2)
    // Breathing and floating still move, at the idle pace (every third display frame at 60 Hz).
    expect(writes.get('float')).toBeGreaterThanOrEqual(30)
    expect(writes.get('float')).toBeLessThanOrEqual(48)
    // The blush does not change while idle: written once, not once per frame.
    expect(writes.get('cheeks')).toBeLessThanOrEqual(1)
    // Between its frames it waits on a timer: no display frame is asked for only to be skipped.
    expect(requests).toBeLessThanOrEqual(50)
    unmount()
  })

  it('follows the voice at every display frame while it talks', () => {
    const mouth = new Signal({ open: 0, spread: 0.5 })
    const { writes, unmount } = mountAvatar({ expression: 'neutral', weight: 0, state: 'speaking' }, mouth)
    displayFor(1)
    mouth.set({ open: 0.6, spread: 0.5 })
    const before = writes.get('float') ?? 0
    displayFor(1)
    // Far more often than the idle pace allows (a frame whose float rounds to the same value writes nothing).
    expect((writes.get('float') ?? 0) - before).toBeGreaterThan(40)
    unmount()
  })

  it('stops drawing once unmounted', () => {
    const { writes, unmount } = mountAvatar({ expression: 'neutral', weight: 0, state: 'idle' })
    displayFor(1)
    unmount()
    const after = writes.get('float')
    displayFor(1)
    expect(writes.get('float')).toBe(after)
  })
})
