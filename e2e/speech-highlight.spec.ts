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

const highlighted = (page: Page) => page.evaluate(HIGHLIGHTED)

test('while a sentence plays, that sentence of the answer is highlighted', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [
    { tokens: wordTokens(SENTENCES.join(' ')), delayMs: 5 },
    { tts: spoken(0) },
    { tts: spoken(1), emotion: 'happy' },
    { tts: spoken(2) },
  ]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Read me three sentences')
  await page.keyboard.press('Enter')
  const caption = page.locator('[data-caption]')

  await expect(caption).toContainText('The first sentence')
  await expect.poll(() => highlighted(page)).toBe(shown(0))

  await expect(caption).toContainText('The second sentence', { timeout: 8_000 })
  await expect.poll(() => highlighted(page)).toBe(shown(1))
  await page.screenshot({ path: testInfo.outputPath('highlight-second-sentence.png') })

  await expect(caption).toContainText('The third sentence', { timeout: 8_000 })
  await expect.poll(() => highlighted(page)).toBe(shown(2))

  // Silence: no highlight left behind.
  await expect(caption).toHaveCount(0, { timeout: 8_000 })
  await expect.poll(() => highlighted(page)).toBeNull()
})
