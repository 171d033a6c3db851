import { describe, expect, it } from 'vitest'
import { PushToTalkKeys, type KeyLike } from './push-to-talk'

const key = (code: string, extra: Partial<KeyLike> = {}): KeyLike => ({ code, repeat: false, ctrlKey: false, metaKey: false, altKey: false, ...extra })
const outside = { inTextField: false, emptyComposer: false }
const emptyBox = { inTextField: true, emptyComposer: true }
const typing = { inTextField: true, emptyComposer: false }

describe('PushToTalkKeys', () => {
  it('hold talks, release sends; auto-repeat is swallowed, not a second press', () => {
    const ptt = new PushToTalkKeys(() => 'Space')
    expect(ptt.keydown(key('Space'), emptyBox)).toBe('press')
    expect(ptt.keydown(key('Space', { repeat: true }), emptyBox)).toBe('held')
    expect(ptt.keydown(key('Space', { repeat: true }), emptyBox)).toBe('held')
    expect(ptt.holding).toBe(true)
    expect(ptt.keyup(key('Space'))).toBe('release')
    expect(ptt.holding).toBe(false)
    expect(ptt.keyup(key('Space'))).toBeUndefined()
  })

  it('Space types normally in a message being written; other keys and chords are left alone', () => {
    const ptt = new PushToTalkKeys(() => 'Space')
    expect(ptt.keydown(key('Space'), typing)).toBeUndefined()
    expect(ptt.keydown(key('KeyA'), emptyBox)).toBeUndefined()
    expect(ptt.keydown(key('Space', { ctrlKey: true }), emptyBox)).toBeUndefined()
    expect(ptt.keydown(key('Space', { isComposing: true }), emptyBox)).toBeUndefined()
    expect(ptt.keydown(key('Space'), outside)).toBe('press')
  })

  it('a repeat that arrives first (key held before focus) does not start talking', () => {
    const ptt = new PushToTalkKeys(() => 'Space')
    expect(ptt.keydown(key('Space', { repeat: true }), outside)).toBeUndefined()
    expect(ptt.keyup(key('Space'))).toBeUndefined()
  })

  it('a configured key works in any field; losing focus releases it', () => {
    let code = 'F2'
    const ptt = new PushToTalkKeys(() => code)
    expect(ptt.keydown(key('F2'), typing)).toBe('press')
    expect(ptt.blur()).toBe('release')
    expect(ptt.blur()).toBeUndefined()
    code = 'Space'
    expect(ptt.keydown(key('F2'), outside)).toBeUndefined()
  })
})
