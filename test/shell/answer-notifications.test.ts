import { describe, expect, it } from 'vitest'
import type { HostEvent, HostEventListener } from '../../src/shared/host'
import type { Locale } from '../../src/shared/locale'
import { answerPreview, notifyFinishedAnswers, type AnswerNotice } from '../../src/main/shell/answer-notifications'
import { shellStrings } from '../../src/main/shell/i18n/strings'

describe('answerPreview', () => {
  it('takes the first line with text, without markdown or emotion tags', () => {
    expect(answerPreview('[happy] **Hello** there!\nSecond line')).toBe('Hello there!')
    expect(answerPreview('\n\n## The plan\n- one')).toBe('The plan')
    expect(answerPreview('See [the guide](https://example.com/guide) first.')).toBe('See the guide first.')
  })

  it('skips code blocks and lines with nothing to read', () => {
    expect(answerPreview('```ts\nconst x = 1\n```\n---\nDone: x is one.')).toBe('Done: x is one.')
    expect(answerPreview('```\nonly code\n```')).toBeUndefined()
    expect(answerPreview('')).toBeUndefined()
  })

  it('shortens a long line on a word boundary', () => {
    const preview = answerPreview(`${'word '.repeat(60)}end`, 40)
    expect(preview).toBe('word word word word word word word word…')
    expect(preview?.length).toBeLessThanOrEqual(40)
    // One endless word is cut where it must be.
    expect(answerPreview('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})

describe('notifyFinishedAnswers', () => {
  function setup(attentive: boolean) {
    let listener: HostEventListener | undefined
    let unsubscribed = 0
    const notices: AnswerNotice[] = []
    let shown = 0
    const state: { attentive: boolean; locale: Locale } = { attentive, locale: 'en' }
    const stop = notifyFinishedAnswers({
      events: {
        onEvents: (l) => {
          listener = l
          return () => unsubscribed++
        },
      },
      attentive: () => state.attentive,
      notify: (notice) => notices.push(notice),
      showWindow: () => shown++,
      appName: 'Mira',
      strings: () => shellStrings(state.locale),
    })
    const push = (...events: HostEvent[]) => listener?.(events)
    return { push, notices, stop, state, shown: () => shown, unsubscribed: () => unsubscribed }
  }
  const end = (content: string): HostEvent => ({ type: 'turn-end', turnId: 't1', content })

  it('tells of a finished answer while the window is hidden or in the background; a click shows it', () => {
    const { push, notices, shown } = setup(false)
    push({ type: 'turn-token', turnId: 't1', chunk: 'Hi' }, end('[joy] Hi!\nMore.'))
    expect(notices.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Mira', body: 'Hi!' }])
    notices[0]?.onClick()
    expect(shown()).toBe(1)
  })

  it('stays quiet while the user looks at the window', () => {
    const { push, notices, state } = setup(true)
    push(end('Hello'))
    expect(notices).toEqual([])
    state.attentive = false
    push(end('```\ncode\n```'))
    expect(notices.map((n) => n.body)).toEqual(['Mira finished answering.'])
  })

  it('words the fallback in the current language; the title is the brand', () => {
    const { push, notices, state } = setup(false)
    const code = end('```\nx = 1\n```')
    state.locale = 'ja'
    push(code)
    state.locale = 'ko'
    push(code)
    expect(notices.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Mira', body: 'Miraの回答が届きました。' },
      { title: 'Mira', body: 'Mira의 답변이 도착했습니다.' },
    ])
  })

  it('stops listening when stopped', () => {
    const { stop, unsubscribed } = setup(false)
    stop()
    expect(unsubscribed()).toBe(1)
  })
})
