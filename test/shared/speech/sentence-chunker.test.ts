import { describe, expect, it } from 'vitest'
import { SentenceChunker, type SpeechChunk } from '../../../src/shared/speech'

/** Feeds `text` in pieces of `size` characters (0 = all at once) and collects every chunk. */
function chunk(text: string, size = 0, maxLength?: number): SpeechChunk[] {
  const chunker = new SentenceChunker(maxLength === undefined ? {} : { maxLength })
  const out: SpeechChunk[] = []
  const chars = [...text]
  const step = size || chars.length || 1
  for (let i = 0; i < chars.length; i += step) out.push(...chunker.push(chars.slice(i, i + step).join('')))
  out.push(...chunker.flush())
  return out
}
const texts = (text: string, size = 0): string[] => chunk(text, size).map((c) => c.text)

const cases: Array<[name: string, input: string, expected: string[]]> = [
  ['plain sentences', 'Hello there. How are you? Great!', ['Hello there.', 'How are you?', 'Great!']],
  ['decimal numbers', 'Pi is about 3.14 today. Yes.', ['Pi is about 3.14 today.', 'Yes.']],
  ['version numbers and money', 'Use v1.2.3 for $4.50. Done.', ['Use v1.2.3 for $4.50.', 'Done.']],
  ['titles', 'Dr. Smith met Mr. Jones. They talked.', ['Dr. Smith met Mr. Jones.', 'They talked.']],
  ['e.g. and i.e.', 'Fruit, e.g. apples, i.e. food. Next.', ['Fruit, e.g. apples, i.e. food.', 'Next.']],
  ['etc. then capital', 'Pens, paper, etc. Then we left.', ['Pens, paper, etc.', 'Then we left.']],
  ['etc. then lowercase', 'Pens, paper, etc. and more.', ['Pens, paper, etc. and more.']],
  ['dotted abbreviations', 'The U.S. is big. We met at 5 p.m. Then we ate.', ['The U.S. is big.', 'We met at 5 p.m.', 'Then we ate.']],
  ['initials', 'I love J. R. R. Tolkien. Me too.', ['I love J. R. R. Tolkien.', 'Me too.']],
  ['the word I ends a sentence', 'So do I. Good.', ['So do I.', 'Good.']],
  ['URLs', 'See https://example.com/a.b?x=1 for more. Thanks.', ['See example.com for more.', 'Thanks.']],
  ['URL at sentence end', 'Go to https://mira.dev/docs. Bye.', ['Go to mira.dev.', 'Bye.']],
  ['ellipsis then lowercase', 'Well... maybe not. Okay.', ['Well... maybe not.', 'Okay.']],
  ['ellipsis then capital', 'Hmm… Let me think. Yes.', ['Hmm…', 'Let me think.', 'Yes.']],
  ['runs of marks', 'Really?! Wow!!! Ok.', ['Really?!', 'Wow!!!', 'Ok.']],
  ['closing quotes', 'She said "Hi." Then left.', ['She said "Hi."', 'Then left.']],
  ['CJK', 'こんにちは。元気ですか？はい！', ['こんにちは。', '元気ですか？', 'はい！']],
  ['line breaks', 'First line\nSecond line', ['First line', 'Second line']],
  ['no terminator at the end', 'Unfinished thought', ['Unfinished thought']],
  ['emphasis stripped', 'This is **very** _important_ and *nice*. Ok.', ['This is very important and nice.', 'Ok.']],
  ['bold sentence', '**Note.** Read this.', ['Note.', 'Read this.']],
  ['links become their text', 'Read [the guide](https://x.y/z) now.', ['Read the guide now.']],
  ['headings and bullets', '# Title\n- one\n- two\n1. First item.\n2. Second.', ['Title', 'one', 'two', 'First item.', 'Second.']],
  ['inline code kept as words', 'Run `npm test` now.', ['Run npm test now.']],
  ['periods inside inline code end nothing', 'A `b` c. `d. e` f? g `h.` I. ok', ['A b c.', 'd. e f?', 'g h. I.', 'ok']],
  [
    'fenced code is silent',
    'Look:\n```js\nconst a = 1. b = 2;\nconsole.log(a)\n```\nDone.',
    ['Look:', 'Done.'],
  ],
  ['unclosed fence at the end', 'Code:\n```\nx = 1\n', ['Code:']],
  [
    'tables',
    '| Name | Age |\n|------|----:|\n| Ann | 3.5 |\nEnd.',
    ['Name, Age', 'Ann, 3.5', 'End.'],
  ],
  ['emoji stripped', 'Great job 🎉👍🏽! Next 😀.', ['Great job!', 'Next.']],
  ['emoji-only sentence is skipped', 'Yay. 🎉🎉\nOk.', ['Yay.', 'Ok.']],
  ['blockquote and rule', '> quoted words\n---\nafter', ['quoted words', 'after']],
  ['html tags', 'Some <b>bold</b> text.', ['Some bold text.']],
  ['arrows', 'Open Settings → Server now.', ['Open Settings, Server now.']],
]

describe('SentenceChunker', () => {
  for (const [name, input, expected] of cases) {
    it(`${name} (whole, by char, by 3)`, () => {
      expect(texts(input)).toEqual(expected)
      expect(texts(input, 1)).toEqual(expected)
      expect(texts(input, 3)).toEqual(expected)
    })
  }

  it('extracts emotion tags, also split across tokens, and carries a lone tag forward', () => {
    const expected = [
      { text: 'Hi there!', emotion: 'happy' },
      { text: 'That is sad.', emotion: 'sad' },
      { text: 'No tag here.', emotion: null },
      { text: 'Next line.', emotion: 'surprised' },
    ]
    const input = '[happy] Hi there! [sad] That is sad. No tag here.\n[surprised]\nNext line.'
    expect(chunk(input)).toEqual(expected)
    expect(chunk(input, 1)).toEqual(expected)
    expect(chunk(input, 2)).toEqual(expected)
  })

  it('leaves unknown brackets, task boxes and link text alone', () => {
    expect(texts('See [1] and [happy](https://x.y) here.')).toEqual(['See [1] and happy here.'])
    expect(texts('- [x] done item')).toEqual(['done item'])
  })

  it('emits a sentence as soon as it is complete, before the stream ends', () => {
    const chunker = new SentenceChunker()
    expect(chunker.push('First sentence')).toEqual([])
    expect(chunker.push('. Sec')).toEqual([{ text: 'First sentence.', emotion: null }])
    expect(chunker.push('ond')).toEqual([])
    expect(chunker.flush()).toEqual([{ text: 'Second', emotion: null }])
  })

  it('waits for the character after a period before deciding', () => {
    const chunker = new SentenceChunker()
    expect(chunker.push('It is 3.')).toEqual([])
    expect(chunker.push('14 now.')).toEqual([])
    expect(chunker.push(' ')).toEqual([{ text: 'It is 3.14 now.', emotion: null }])
  })

  it('cuts an endless sentence at a comma, then at a space, never losing words', () => {
    const long = `${'word '.repeat(30)}then, ${'more '.repeat(30)}end`
    const out = texts(long, 7)
    expect(out.length).toBeGreaterThan(1)
    expect(out.join(' ').replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' ').trim())
    for (const piece of chunk(long, 0, 60)) expect(piece.text.length).toBeLessThanOrEqual(60)
  })

  it('resumes where it stopped: a long sentence streamed a word at a time gives the same cuts as the whole text', () => {
    // Each push scans only what it added (the sentence-so-far is not scanned again), so the
    // state kept between pushes (inline code, a period waiting for its next character) must hold.
    // Under the 300-character limit, so no forced cut makes the streamed and the whole text differ.
    const text = `Say \`a. b\` and 3.14, ${'more words, '.repeat(18)}then Dr. Who… went home. Done`
    const words = text.match(/\s*\S+/g) ?? []
    const streamed = new SentenceChunker()
    const out = [...words.flatMap((w) => streamed.push(w)), ...streamed.flush()]
    expect(out).toEqual(chunk(text))
    expect(out.map((c) => c.text)).toEqual([text.replace(/`/g, '').replace(/ Done$/, ''), 'Done'])
  })

  it('resets after flush', () => {
    const chunker = new SentenceChunker()
    chunker.push('```\ncode')
    expect(chunker.flush()).toEqual([])
    chunker.push('[happy]')
    expect(chunker.flush()).toEqual([])
    chunker.push('Plain')
    expect(chunker.flush()).toEqual([{ text: 'Plain', emotion: null }])
  })
})
