/**
 * System-wide push-to-talk, without Electron: the shell hands in a key hook (uiohook-napi, loaded
 * only when the feature is turned on), a global-shortcut registry and what it knows of the
 * desktop, and hears `press` / `release`. With the hook: press on key-down, release on key-up,
 * the keyboard's auto-repeat (more key-downs while held) ignored. Where the hook cannot work — a
 * Wayland session (it sees only X11 windows), macOS without the Accessibility permission, or it
 * failed to start — a global shortcut toggles instead: press once to talk, again to send, its
 * auto-repeat (the shortcut firing again while still held) ignored. A held key is released when
 * the machine sleeps or locks, or the feature is turned off: its key-up may never come.
 */
import { messageOf } from '../../../shared/errors'
import type { GlobalPttKey, GlobalPttStatus } from '../../../shared/host/push-to-talk'

export interface HookKeyEvent {
  down: boolean
  keycode: number
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

export interface KeyHook {
  /** Starts delivering every key event; throws when the hook cannot run. */
  start(listener: (event: HookKeyEvent) => void): void
  stop(): void
  /** The hook's keycode for a key name (`Space`, `F8`). */
  keycode(name: string): number | undefined
}

export interface ShortcutRegistry {
  /** False when another app has it. */
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

export interface GlobalPttOptions {
  platform: NodeJS.Platform
  /** A Wayland session (XDG_SESSION_TYPE=wayland). */
  wayland: boolean
  /** Linux: an X11 display to hook (DISPLAY); without one the hook would abort the process. */
  x11: boolean
  /** macOS: the app may watch the keyboard (Accessibility); asked without prompting. */
  accessibilityTrusted(): boolean
  loadHook(): Promise<KeyHook>
  shortcuts: ShortcutRegistry
  emit(action: 'press' | 'release'): void
  /** Milliseconds, monotonic (the toggle's auto-repeat filter). */
  now(): number
  log(line: string): void
}

/**
 * A shortcut firing again within this long of its last firing is the key still held (auto-repeat:
 * the first repeat comes after the system's delay, 250–660 ms by default, then every ~30 ms).
 */
export const TOGGLE_REPEAT_MS = 750

interface Parsed {
  key: string
  ctrl: boolean
  alt: boolean
  shift: boolean
}

function parse(key: GlobalPttKey): Parsed {
  const parts = key.split('+')
  return { key: parts.at(-1) ?? key, ctrl: parts.includes('Ctrl'), alt: parts.includes('Alt'), shift: parts.includes('Shift') }
}

export class GlobalPushToTalk {
  private held = false
  private stopActive: (() => void) | undefined
  private status: GlobalPttStatus = { mode: 'off' }
  private hook: Promise<KeyHook> | undefined

  constructor(private readonly options: GlobalPttOptions) {}

  get current(): GlobalPttStatus {
    return this.status
  }

  /** Turns it on with `key`, or off with null; says which mode it got and why. */
  async set(key: GlobalPttKey | null): Promise<GlobalPttStatus> {
    this.deactivate()
    if (key === null) return (this.status = { mode: 'off' })
    const blocked = this.hookBlocked()
    if (!blocked) {
      try {
        this.stopActive = await this.startHook(key)
        return (this.status = { mode: 'hold', key })
      } catch (error) {
        this.options.log(`push-to-talk: key hook unavailable, using a shortcut: ${messageOf(error)}`)
        return (this.status = this.startToggle(key, 'hook-failed', messageOf(error).slice(0, 500)))
      }
    }
    return (this.status = this.startToggle(key, blocked))
  }

  /** The machine sleeps or locks: a held key is let go (its key-up will not come). */
  interrupted(): void {
    this.release()
  }

  dispose(): void {
    this.deactivate()
    this.status = { mode: 'off' }
  }

  private hookBlocked(): 'wayland' | 'accessibility' | undefined {
    if (this.options.platform === 'linux' && (this.options.wayland || !this.options.x11)) return 'wayland'
    if (this.options.platform === 'darwin' && !this.options.accessibilityTrusted()) return 'accessibility'
    return undefined
  }

  private async startHook(key: GlobalPttKey): Promise<() => void> {
    this.hook ??= this.options.loadHook()
    this.hook.catch(() => (this.hook = undefined))
    const hook = await this.hook
    const wanted = parse(key)
    const code = hook.keycode(wanted.key)
    if (code === undefined) throw new Error(`the key hook does not know ${wanted.key}`)
    hook.start((event) => {
      if (event.keycode !== code) return
      if (!event.down) return this.release()
      // Other modifiers may be held too; the chosen ones must be.
      const chord = (!wanted.ctrl || event.ctrlKey) && (!wanted.alt || event.altKey) && (!wanted.shift || event.shiftKey)
      if (chord) this.press()
    })
    return () => hook.stop()
  }

  private startToggle(key: GlobalPttKey, reason: NonNullable<GlobalPttStatus['reason']>, detail?: string): GlobalPttStatus {
    let last = -Infinity
    const registered = this.options.shortcuts.register(key, () => {
      const now = this.options.now()
      const repeat = now - last < TOGGLE_REPEAT_MS
      last = now
      if (repeat) return
      if (this.held) this.release()
      else this.press()
    })
    if (!registered) return { mode: 'unavailable', key, reason: 'shortcut-taken' }
    this.stopActive = () => this.options.shortcuts.unregister(key)
    return { mode: 'toggle', key, reason, ...(detail ? { detail } : {}) }
  }

  private deactivate(): void {
    this.release()
    this.stopActive?.()
    this.stopActive = undefined
  }

  private press(): void {
    if (this.held) return
    this.held = true
    this.options.emit('press')
  }

  private release(): void {
    if (!this.held) return
    this.held = false
    this.options.emit('release')
  }
}
