/**
 * Push-to-talk from the keyboard: the configured key held down talks, released sends. Key
 * auto-repeat is ignored, a key-up without a key-down (held before the window had focus) does
 * nothing, and losing focus while held releases (the key-up will never arrive). Space counts only
 * where it would type nothing useful: in an empty message box or outside any text field.
 */
export interface KeyLike {
  code: string
  repeat: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  isComposing?: boolean
}

export interface PushToTalkTarget {
  /** A text field (input, textarea, contenteditable) has the focus. */
  inTextField: boolean
  /** That field is the message box and it is empty. */
  emptyComposer: boolean
}

/** `held`: a repeat of the held key, swallowed (it would type spaces) and otherwise ignored. */
export type PushToTalkAction = 'press' | 'held' | 'release' | undefined

export class PushToTalkKeys {
  private held = false

  constructor(private key: () => string) {}

  get holding(): boolean {
    return this.held
  }

  keydown(event: KeyLike, target: PushToTalkTarget): PushToTalkAction {
    if (event.code !== this.key() || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return undefined
    if (this.held) return 'held'
    if (event.repeat) return undefined
    if (event.code === 'Space' && target.inTextField && !target.emptyComposer) return undefined
    this.held = true
    return 'press'
  }

  keyup(event: Pick<KeyLike, 'code'>): PushToTalkAction {
    if (event.code !== this.key() || !this.held) return undefined
    this.held = false
    return 'release'
  }

  /** The window lost focus: a held key is released. */
  blur(): PushToTalkAction {
    if (!this.held) return undefined
    this.held = false
    return 'release'
  }
}
