import { describe, expect, it } from 'vitest'
import { GlobalPushToTalk, TOGGLE_REPEAT_MS, type GlobalPttOptions, type HookKeyEvent, type KeyHook } from '../../src/main/shell/push-to-talk/global-push-to-talk'

const CODES: Record<string, number> = { Space: 57, F8: 66, F9: 67, A: 30 }

/** A key hook driven by the test: `key(…)` is what the OS would report. */
class FakeHook implements KeyHook {
  listener: ((event: HookKeyEvent) => void) | undefined
  starts = 0
  failWith: string | undefined
  start(listener: (event: HookKeyEvent) => void): void {
    if (this.failWith) throw new Error(this.failWith)
    this.starts++
    this.listener = listener
  }
  stop(): void {
    this.listener = undefined
  }
  keycode(name: string): number | undefined {
    return CODES[name]
  }
  key(name: string, down: boolean, mods: Partial<Pick<HookKeyEvent, 'ctrlKey' | 'altKey' | 'shiftKey'>> = {}): void {
    this.listener?.({ down, keycode: CODES[name] ?? 0, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods })
  }
}

class FakeShortcuts {
  readonly callbacks = new Map<string, () => void>()
  taken = new Set<string>()
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.has(accelerator)) return false
    this.callbacks.set(accelerator, callback)
    return true
  }
  unregister(accelerator: string): void {
    this.callbacks.delete(accelerator)
  }
  fire(accelerator: string): void {
    this.callbacks.get(accelerator)?.()
  }
}

function setup(overrides: Partial<GlobalPttOptions> = {}) {
  const hook = new FakeHook()
  const shortcuts = new FakeShortcuts()
  const actions: string[] = []
  const clock = { now: 0 }
  let loads = 0
  const ptt = new GlobalPushToTalk({
    platform: 'linux',
    wayland: false,
    x11: true,
    accessibilityTrusted: () => true,
    loadHook: async () => {
      loads++
      return hook
    },
    shortcuts,
    emit: (action) => actions.push(action),
    now: () => clock.now,
    log: () => undefined,
    ...overrides,
  })
  return { ptt, hook, shortcuts, actions, clock, loads: () => loads }
}

describe('GlobalPushToTalk with the key hook', () => {
  it('holds: key-down presses, key-up releases, auto-repeat key-downs are ignored', async () => {
    const { ptt, hook, actions, shortcuts } = setup()
    expect(await ptt.set('F8')).toEqual({ mode: 'hold', key: 'F8' })
    expect(shortcuts.callbacks.size).toBe(0)
    hook.key('F8', true)
    for (let i = 0; i < 20; i++) hook.key('F8', true)
    expect(actions).toEqual(['press'])
    hook.key('F8', false)
    expect(actions).toEqual(['press', 'release'])
    // A stray key-up, other keys: nothing.
    hook.key('F8', false)
    hook.key('A', true)
    hook.key('A', false)
    expect(actions).toEqual(['press', 'release'])
  })

  it('a chord needs its modifiers down; extra modifiers do not stop it', async () => {
    const { ptt, hook, actions } = setup()
    await ptt.set('Ctrl+Alt+Space')
    hook.key('Space', true)
    hook.key('Space', true, { ctrlKey: true })
    expect(actions).toEqual([])
    hook.key('Space', true, { ctrlKey: true, altKey: true, shiftKey: true })
    expect(actions).toEqual(['press'])
    // Releasing the modifiers first does not end it; the key's own release does.
    hook.key('Space', true)
    hook.key('Space', false)
    expect(actions).toEqual(['press', 'release'])
  })

  it('sleep or lock while held releases once; the late key-up then does nothing', async () => {
    const { ptt, hook, actions } = setup()
    await ptt.set('F8')
    hook.key('F8', true)
    ptt.interrupted()
    ptt.interrupted()
    hook.key('F8', false)
    expect(actions).toEqual(['press', 'release'])
  })

  it('turning it off while held releases, stops the hook, and later keys do nothing', async () => {
    const { ptt, hook, actions, loads } = setup()
    await ptt.set('F8')
    hook.key('F8', true)
    expect(await ptt.set(null)).toEqual({ mode: 'off' })
    expect(actions).toEqual(['press', 'release'])
    expect(hook.listener).toBeUndefined()
    hook.key('F8', true)
    expect(actions).toEqual(['press', 'release'])
    // Another key later: the hook is loaded once and started again.
    await ptt.set('F8')
    hook.key('F8', true)
    expect(actions).toEqual(['press', 'release', 'press'])
    expect(loads()).toBe(1)
    expect(hook.starts).toBe(2)
  })
})

describe('GlobalPushToTalk falling back to a global shortcut (toggle)', () => {
  it('where the hook fails to start: says why, and each press toggles', async () => {
    const { ptt, hook, shortcuts, actions, clock } = setup()
    hook.failWith = 'XOpenDisplay failure'
    expect(await ptt.set('F9')).toEqual({ mode: 'toggle', key: 'F9', reason: 'hook-failed', detail: 'XOpenDisplay failure' })
    shortcuts.fire('F9')
    expect(actions).toEqual(['press'])
    clock.now += 2_000
    shortcuts.fire('F9')
    expect(actions).toEqual(['press', 'release'])
  })

  it('where the hook cannot load (no prebuilt binary): toggle', async () => {
    const { ptt } = setup({ loadHook: () => Promise.reject(new Error('Cannot find module uiohook-napi')) })
    expect(await ptt.set('F8')).toMatchObject({ mode: 'toggle', reason: 'hook-failed' })
  })

  it('filters the shortcut’s auto-repeat: a key held down toggles once', async () => {
    const { ptt, shortcuts, actions, clock } = setup({ wayland: true })
    await ptt.set('F8')
    shortcuts.fire('F8')
    // Held: the first repeat after the system delay, then every 30 ms.
    clock.now += 500
    shortcuts.fire('F8')
    for (let i = 0; i < 30; i++) {
      clock.now += 30
      shortcuts.fire('F8')
    }
    expect(actions).toEqual(['press'])
    // Let go, then pressed again: sends.
    clock.now += TOGGLE_REPEAT_MS
    shortcuts.fire('F8')
    expect(actions).toEqual(['press', 'release'])
  })

  it('on Wayland, or Linux without an X display, the hook is not even loaded (it would abort the process)', async () => {
    for (const env of [{ wayland: true, x11: true }, { wayland: false, x11: false }]) {
      const { ptt, loads } = setup(env)
      expect(await ptt.set('F8')).toEqual({ mode: 'toggle', key: 'F8', reason: 'wayland' })
      expect(loads()).toBe(0)
    }
  })

  it('on macOS without the Accessibility permission: toggle, saying so; with it: hold', async () => {
    const denied = setup({ platform: 'darwin', accessibilityTrusted: () => false, x11: false })
    expect(await denied.ptt.set('F8')).toEqual({ mode: 'toggle', key: 'F8', reason: 'accessibility' })
    expect(denied.loads()).toBe(0)
    const allowed = setup({ platform: 'darwin', accessibilityTrusted: () => true, x11: false })
    expect(await allowed.ptt.set('F8')).toEqual({ mode: 'hold', key: 'F8' })
  })

  it('a shortcut another app holds: unavailable, saying so', async () => {
    const { ptt, shortcuts } = setup({ wayland: true })
    shortcuts.taken.add('F8')
    expect(await ptt.set('F8')).toEqual({ mode: 'unavailable', key: 'F8', reason: 'shortcut-taken' })
  })

  it('switching keys unregisters the old shortcut and releases a toggled-on talk', async () => {
    const { ptt, shortcuts, actions } = setup({ wayland: true })
    await ptt.set('F8')
    shortcuts.fire('F8')
    await ptt.set('F9')
    expect(actions).toEqual(['press', 'release'])
    expect([...shortcuts.callbacks.keys()]).toEqual(['F9'])
    ptt.dispose()
    expect(shortcuts.callbacks.size).toBe(0)
    expect(ptt.current).toEqual({ mode: 'off' })
  })
})
