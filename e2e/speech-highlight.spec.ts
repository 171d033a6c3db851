/**
 * The sentence being spoken is highlighted in the answer (CSS Custom Highlight API): the fake
 * agent's TTS returns tone WAVs, and the highlight follows the sentence the caption shows.
 */
import type { Page } from '@playwright/test'
import { wordTokens } from '../test/support/fake-agent-server'
import { expect, test } from './fixtures'

/** ~130 characters each: the fake TTS makes well over a second of tone from it. */
const SENTENCES = [
  'The first sentence is long enough to keep the voice busy for a good while, so the test can watch it closely.',
  'The second sentence has **bold words** in it and is just as long, so the highlight can be seen moving along.',
  'The third sentence closes the answer, long as the others, and then the voice stops and the highlight goes away.',
]
/** What the TTS is given: the sentence as the chunker sends it, markdown marks included. */
const spoken = (i: number): string => SENTENCES[i] ?? ''
const shown = (i: number): string => spoken(i).replaceAll('**', '')

/** The text under the speaking highlight, or null when there is none. */
const HIGHLIGHTED = `(() => {
  const h = CSS.highlights.get('mira-speaking')
  return h ? [...h].map((r) => r.toString()).join('|') : null
})()`

/**
 * Records every different (caption, highlight) pair, looked at after each frame in the page: highlights are not
 * DOM mutations, and a poll from the test could miss a sentence on a loaded machine.
 */
const RECORD_HIGHLIGHTS = `(() => {
  const seen = (window.__highlights = [])
  const look = () => {
    const caption = document.querySelector('[data-caption]')?.textContent?.trim() ?? ''
    const h = CSS.highlights.get('mira-speaking')
    const highlight = h ? [...h].map((r) => r.toString()).join('|') : null
    const last = seen.at(-1)
    if (!last || last.caption !== caption || last.highlight !== highlight) seen.push({ caption, highlight })
    // Looked at once the frame is done: the app paints the highlight in its own frame callback.
    requestAnimationFrame(() => setTimeout(look))
  }
  look()
})()`

const highlighted = (page: Page) => page.evaluate(HIGHLIGHTED)
const recorded = (page: Page) => page.evaluate('window.__highlights') as Promise<{ caption: string; highlight: string | null }[]>

test('while a sentence plays, that sentence of the answer is highlighted', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [
    { tokens: wordTokens(SENTENCES.join(' ')), delayMs: 5 },
    { tts: spoken(0) },
    { tts: spoken(1), emotion: 'happy' },
    { tts: spoken(2) },
  ]
  // A few seconds each, so every sentence is on screen for many frames.
  agent.ttsDurationMs = () => 4_000
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.evaluate(RECORD_HIGHLIGHTS)
  await page.getByRole('textbox', { name: 'Message' }).fill('Read me three sentences')
  await page.keyboard.press('Enter')
  const caption = page.locator('[data-caption]')
  await expect.poll(async () => (await recorded(page)).some((r) => r.caption.startsWith('The second sentence'))).toBe(true)
  await page.screenshot({ path: testInfo.outputPath('highlight-second-sentence.png') })

  // Silence: no highlight left behind.
  await expect(caption).toHaveCount(0, { timeout: 60_000 })
  await expect.poll(() => highlighted(page)).toBeNull()
  // While each sentence's caption was up, that sentence (and only it) was highlighted.
  const seen = await recorded(page)
  // The caption shows the words, not the markdown's marks.
  expect(seen.map((r) => r.caption)).toContain(shown(1))
  expect(seen.filter((r) => r.caption.includes('**'))).toEqual([])
  for (const i of [0, 1, 2]) {
    const opening = shown(i).split(' ').slice(0, 3).join(' ')
    const whileShown = seen.filter((r) => r.caption.startsWith(opening))
    const from = whileShown.findIndex((r) => r.highlight === shown(i))
    expect(from, `sentence ${i + 1} highlighted`).toBeGreaterThanOrEqual(0)
    // The app moves the highlight in its next frame: until then the one before may still show, nothing else.
    expect(whileShown.slice(0, from).filter((r) => r.highlight !== null && r.highlight !== shown(i - 1)), `sentence ${i + 1}`).toEqual([])
    expect(whileShown.slice(from).filter((r) => r.highlight !== null && r.highlight !== shown(i)), `sentence ${i + 1}`).toEqual([])
  }
})
