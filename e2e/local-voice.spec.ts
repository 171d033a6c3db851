/**
 * The local voice (espeak-ng in WebAssembly, in a worker of the page) under the app's real CSP:
 * with a server that has no TTS at all, each sentence is heard through the audio graph (the mouth,
 * fed by the AnalyserNode, opens while its caption shows), in order. A damaged module gives a clear
 * note and falls back instead of hanging.
 */
import type { Page } from '@playwright/test'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import { expect, test as base, TOKEN } from './fixtures'
import { avatarLog, captionsShown, recordAvatar, whileShown, widestMouth } from './support/avatar-log'
import { openSettings } from './support/settings'

/** An agent server without a TTS endpoint (404); headless Chromium has no browser voices either. */
const test = base.extend({
  agent: async ({ target: _target }, use) => {
    const agent = await FakeAgentServer.start({ token: TOKEN, rest: { tts: false } })
    await use(agent)
    await agent.stop()
  },
})

const SENTENCES = [
  'Good morning! The local voice is speaking this first sentence for you.',
  'This second sentence comes right after the first one, in its turn.',
  'And the third sentence closes the answer, spoken on this computer.',
]

const mouth = async (page: Page): Promise<number> => Number(await page.locator('svg[data-mouth]').getAttribute('data-mouth'))
const caption = (page: Page) => page.locator('[data-caption]')

async function ask(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

/** Chooses an engine in Settings → Voice (it applies without Save), then closes the dialog. */
async function chooseEngine(page: Page, name: RegExp): Promise<void> {
  const dialog = await openSettings(page, 'Voice')
  const section = dialog.getByRole('region', { name: 'Voice' })
  await section.getByRole('radio', { name }).check()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
}

test('the local voice speaks each sentence in order, with no server voice, under the strict CSP', async ({ mira, agent }, testInfo) => {
  test.setTimeout(60_000)
  const { page } = mira
  // The read-only diagnostics hook gives the latency samples (reported below, not asserted).
  await page.goto(new URL('/?diagnostics=1', page.url()).href)
  await expect(page.getByRole('status')).toHaveText('Connected')
  await chooseEngine(page, /^Local voice/)
  agent.answer = () => [{ tokens: ['Three sentences.'] }, ...SENTENCES.map((tts) => ({ tts }))]
  await recordAvatar(page)
  await ask(page, 'Speak offline')

  await expect(caption(page)).toBeVisible({ timeout: 30_000 })
  await page.screenshot({ path: testInfo.outputPath('local-voice-speaking.png') })
  await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual(SENTENCES)
  await expect(caption(page)).toHaveCount(0, { timeout: 30_000 })
  // Audible: the analyser after the sources heard each sentence while its caption showed.
  const log = await avatarLog(page)
  for (const sentence of SENTENCES) expect(widestMouth(whileShown(log, sentence)), sentence).toBeGreaterThan(0.2)
  await expect.poll(() => mouth(page)).toBe(0)
  expect(agent.restRequests.filter((r) => r.url === '/v1/tts/synthesize')).toEqual([])
  await expect(page.locator('[data-level]')).toHaveCount(0)

  const { samples } = (await page.evaluate('window.__miraSpeech.snapshot()')) as { samples: { engine: string; synthesisStartedAt: number; synthesizedAt: number }[] }
  expect(samples.map((s) => s.engine)).toEqual(['local', 'local', 'local'])
  const synthesis = samples.map((s) => Math.round(s.synthesizedAt - s.synthesisStartedAt))
  const report = `local voice: first sentence (load + synthesis) ${synthesis[0]} ms; later sentences ${synthesis.slice(1).join(', ')} ms`
  console.log(report)
  testInfo.annotations.push({ type: 'timing', description: report })
})

test('Automatic falls back from a voiceless server to the local voice, with a note, losing no sentence', async ({ mira, agent }) => {
  agent.answer = () => [{ tokens: ['Hello.'] }, { tts: SENTENCES[0]! }, { tts: SENTENCES[1]! }]
  const { page } = mira
  await recordAvatar(page)
  // Notes fade after a while: the most shown at once is recorded, so "one note, not one per sentence" holds
  // however long the sentences take.
  await page.evaluate(`(() => {
    window.__mostNotes = 0
    new MutationObserver(() => {
      window.__mostNotes = Math.max(window.__mostNotes, document.querySelectorAll('[data-level]').length)
    }).observe(document.body, { subtree: true, childList: true })
  })()`)
  await ask(page, 'Say hello')
  await expect(page.getByText('The server voice is not available')).toBeVisible()
  await expect(page.getByText('using the local voice.')).toBeVisible()
  // The sentences the server could not say are said by the local voice, from the first one on.
  const said = SENTENCES.slice(0, 2)
  await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual(said)
  const log = await avatarLog(page)
  for (const sentence of said) expect(widestMouth(whileShown(log, sentence)), sentence).toBeGreaterThan(0.2)
  expect(await page.evaluate('window.__mostNotes')).toBe(1)
})

test('a damaged local voice says so and falls back to text only, without hanging', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  // The worker's fetch of the WebAssembly gets an HTML page instead.
  await page.context().route('**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: '<!doctype html><p>Not here</p>' }))
  await chooseEngine(page, /^Local voice/)
  agent.answer = () => [{ tokens: ['Still here.'] }, { tts: SENTENCES[0]! }, { tts: SENTENCES[1]! }]
  await ask(page, 'Speak')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('Still here.')
  const note = page.getByText('No voice is available (the local voice’s speech engine is damaged')
  await expect(note).toBeVisible()
  await expect(page.locator('[data-level]')).toHaveCount(1)
  await expect(caption(page)).toHaveCount(0)
  expect(await mouth(page)).toBe(0)
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden()
  await page.screenshot({ path: testInfo.outputPath('local-voice-damaged.png') })
})
