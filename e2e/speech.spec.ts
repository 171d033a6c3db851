/**
 * Speech out and the built-in avatar, through the real audio graph: the fake agent's TTS returns
 * tone WAVs, the AnalyserNode drives the mouth, and the avatar's `data-mouth` (the lip-sync
 * openness) and `data-expression` attributes tell what the user sees and hears.
 */
import type { Page } from '@playwright/test'
import { FakeAgentServer, type FakeStep } from '../test/support/fake-agent-server'
import { expect, test, TOKEN } from './fixtures'
import { avatarLog, captionsShown, recordAvatar, whileShown, widestMouth } from './support/avatar-log'

/** ~135 characters: the fake TTS makes 1.5 s of tone from it. */
const LONG = (n: number): string => `Sentence ${n} is long enough to keep the voice busy for a good while, so the test can watch it closely and calmly, start to end.`

const avatar = (page: Page) => page.getByRole('img', { name: 'Mira' })
const mouth = async (page: Page): Promise<number> => Number(await avatar(page).getAttribute('data-mouth'))

async function ask(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

test('each sentence is spoken in order: the mouth moves with the audio, captions and expression follow', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [
    { tokens: ['Hello there! '], delayMs: 10 },
    { tts: LONG(0), emotion: 'happy' },
    { tokens: ['That is sad news.'], delayMs: 10 },
    { tts: LONG(1), emotion: 'sad' },
  ]
  const { page } = mira
  await recordAvatar(page)
  await ask(page, 'Talk to me')
  const caption = page.locator('[data-caption]')
  await expect.poll(async () => captionsShown(await avatarLog(page))).toContain(LONG(0))
  await page.screenshot({ path: testInfo.outputPath('speaking.png') })

  // After the last sentence: silence, a closed mouth, no caption.
  await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 30_000 }).toEqual([LONG(0), LONG(1)])
  await expect(caption).toHaveCount(0)
  await expect.poll(() => mouth(page)).toBe(0)
  // Each sentence moved the mouth and showed its emotion while its caption was up: the second sentence's
  // emotion applies when it starts playing, with its caption.
  const log = await avatarLog(page)
  const first = whileShown(log, LONG(0))
  const second = whileShown(log, LONG(1))
  expect(first.map((m) => m.expression)).toContain('happy')
  expect(widestMouth(first)).toBeGreaterThan(0.3)
  expect(second.map((m) => m.expression)).toContain('sad')
  expect(second.at(-1)?.expression).toBe('sad')
  expect(second.map((m) => m.state)).toContain('speaking')
  expect(widestMouth(second)).toBeGreaterThan(0.3)
  // The mood lingers, then back to neutral.
  await expect(avatar(page)).toHaveAttribute('data-expression', 'neutral', { timeout: 30_000 })
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden()
  const synthesized = agent.restRequests.filter((r) => r.url === '/v1/tts/synthesize').map((r) => JSON.parse(r.body).text)
  expect(synthesized).toEqual([LONG(0), LONG(1)])
})

test('Stop cuts the voice at once, closes the mouth and drops the rest of the answer', async ({ mira, agent }) => {
  let asked = 0
  agent.answer = () => (++asked === 1 ? [{ tts: LONG(1) }, { tts: LONG(2) }, { tts: LONG(3) }, { hang: true }] : [{ tokens: ['Done.'] }, { tts: 'Done.' }])
  // The long sentences play for minutes: the first is still playing when Stop is clicked, however slow the machine.
  agent.ttsDurationMs = (text) => (text.startsWith('Sentence') ? 120_000 : undefined)
  const { page } = mira
  await ask(page, 'Read me something long')
  await expect.poll(() => mouth(page)).toBeGreaterThan(0.3)
  await expect(page.locator('[data-caption]')).toHaveText(LONG(1))

  await recordAvatar(page)
  await page.getByRole('button', { name: 'Stop' }).click()
  await agent.waitForFrame((f) => f.type === 'interrupt_stream')
  await expect(page.locator('[data-caption]')).toHaveCount(0)
  await expect.poll(() => mouth(page)).toBe(0)
  await expect(avatar(page)).toHaveAttribute('data-state', 'idle')
  // Nothing of the stopped answer plays later: speech is spoken in order, so once the next answer's
  // sentence has been spoken, anything left of the stopped one would have been heard before it.
  await ask(page, 'Say something short')
  // Recorded, not polled: the short sentence's caption may come and go between two looks on a loaded machine.
  await expect.poll(async () => captionsShown(await avatarLog(page))).toEqual([LONG(1), 'Done.'])
  await expect(page.locator('[data-caption]')).toHaveCount(0)
})

test('Stop cancels a sentence the server is still synthesizing: the request is hung up, not left to finish', async ({ mira, agent }) => {
  // The second sentence's synthesis never ends on its own.
  agent.holdTts = (text) => text === LONG(2)
  agent.answer = () => [{ tts: LONG(1) }, { tts: LONG(2) }, { hang: true }]
  const { page } = mira
  await ask(page, 'Read me something long')
  const held = () => agent.restRequests.find((r) => r.url === '/v1/tts/synthesize' && JSON.parse(r.body).text === LONG(2))
  await expect.poll(() => held() !== undefined).toBe(true)
  await expect(page.locator('[data-caption]')).toHaveText(LONG(1))

  await page.getByRole('button', { name: 'Stop' }).click()
  // Well before the host's own 15 s REST timeout would end it.
  await expect.poll(() => held()?.hungUp, { timeout: 30_000 }).toBe(true)
  await expect(page.locator('[data-caption]')).toHaveCount(0)
})

test('speech goes on after the text has finished, Esc stops it, and a new message silences the old answer', async ({ mira, agent }) => {
  let asked = 0
  agent.answer = () => (++asked === 1 ? [{ tokens: ['One. Two. Three.'] }, { tts: LONG(1) }, { tts: LONG(2) }, { tts: LONG(3) }] : [{ tokens: ['Quiet.'] }])
  // The sentences the test cuts play for minutes, so they are still playing when it looks, however slow the machine.
  agent.ttsDurationMs = (text) => (text === LONG(1) || text === LONG(4) ? 120_000 : undefined)
  const { page } = mira
  await ask(page, 'Speak')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveAttribute('aria-busy', 'false')
  await expect(page.locator('[data-caption]')).toHaveText(LONG(1))
  // The text is done but the voice is not: Stop stays available.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled()

  await ask(page, 'Hush')
  await expect(page.locator('[data-caption]')).toHaveCount(0)
  await expect.poll(() => mouth(page)).toBe(0)
  await expect(page.getByRole('article', { name: 'Mira' }).last()).toHaveText('Quiet.')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden()

  const steps: FakeStep[] = [{ tts: LONG(4) }, { tts: LONG(5) }]
  agent.answer = () => steps
  await ask(page, 'Once more')
  await expect.poll(() => mouth(page)).toBeGreaterThan(0.3)
  await page.getByRole('log', { name: 'Conversation' }).click()
  await page.keyboard.press('Escape')
  await expect(page.locator('[data-caption]')).toHaveCount(0)
  await expect.poll(() => mouth(page)).toBe(0)
})

test('the avatar thinks until the first words, then shows every expression as its sentence plays', async ({ mira, agent }, testInfo) => {
  const emotions = ['happy', 'sad', 'angry', 'surprised', 'relaxed', 'thinking', 'joy', 'bewildered']
  // Two sentences per emotion (the second without a tag keeps the mood).
  const steps: FakeStep[] = emotions.flatMap((emotion, i) => [{ tts: LONG(2 * i), emotion }, { tts: LONG(2 * i + 1) }])
  // The six faces that get a picture last 8 s each (their two sentences, 4 s each): time to take it on a busy machine.
  const pictured = new Set(Array.from({ length: 12 }, (_, n) => LONG(n)))
  agent.ttsDurationMs = (text) => (pictured.has(text) ? 4_000 : undefined)
  test.setTimeout(180_000)
  agent.answer = () => [{ delayMs: 1_200 }, { tokens: ['Let me show you.'] }, ...steps]
  const { page } = mira
  // Once the greeting at start is over.
  await expect(avatar(page)).toHaveAttribute('data-state', 'idle', { timeout: 30_000 })
  await expect(avatar(page)).toHaveAttribute('data-expression', 'neutral')
  await avatar(page).screenshot({ path: testInfo.outputPath('expression-neutral.png') })
  await recordAvatar(page)
  await ask(page, 'Show me your faces')
  await expect(avatar(page)).toHaveAttribute('data-state', 'thinking')
  await expect(avatar(page)).toHaveAttribute('data-expression', 'thinking')
  await page.screenshot({ path: testInfo.outputPath('state-thinking.png') })

  // Mapped words (joy → happy) and unknown ones (bewildered → neutral).
  const shown = ['happy', 'sad', 'angry', 'surprised', 'relaxed', 'thinking', 'happy', 'neutral']
  for (const expression of shown.slice(0, 6)) {
    await expect(avatar(page)).toHaveAttribute('data-expression', expression, { timeout: 30_000 })
    // The picture once the face has fully eased into the expression (its weight reaches 1).
    await expect(avatar(page)).toHaveAttribute('data-weight', '1.00')
    await avatar(page).screenshot({ path: testInfo.outputPath(`expression-${expression}.png`) })
  }
  // What was shown with each sentence, read from the page's own recording (however late the test looks).
  const sentences = shown.flatMap((_, i) => [LONG(2 * i), LONG(2 * i + 1)])
  await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 90_000 }).toEqual(sentences)
  const log = await avatarLog(page)
  for (const [i, expression] of shown.entries()) {
    expect(whileShown(log, LONG(2 * i)).at(-1)?.expression, LONG(2 * i)).toBe(expression)
    expect(whileShown(log, LONG(2 * i + 1)).at(-1)?.expression, LONG(2 * i + 1)).toBe(expression)
  }
})

/**
 * An agent server without a TTS endpoint (404); headless Chromium has no browser voices either,
 * and the local voice is kept from loading its module.
 */
const voiceless = test.extend({
  agent: async ({ target: _target }, use) => {
    const agent = await FakeAgentServer.start({ token: TOKEN, rest: { tts: false } })
    await use(agent)
    await agent.stop()
  },
})

voiceless('without any voice the answer is shown as text only, with a note', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: ['Silent but here.'] }, { tts: 'Silent but', emotion: 'happy' }, { tts: 'here.' }]
  const { page } = mira
  await page.context().route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'Not found' }))
  await ask(page, 'Say something')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('Silent but here.')
  // Automatic tries the server voice, then the local one, then the browser's.
  await expect(page.getByText('The server voice is not available')).toBeVisible()
  await expect(page.getByText('No voice is available (the local voice’s speech engine could not be loaded (HTTP 404))')).toBeVisible()
  expect(await mouth(page)).toBe(0)
  await expect(page.locator('[data-caption]')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('text-only.png') })
})

test.describe('on a 360 px wide dark window', () => {
  test.use({ viewport: { width: 360, height: 720 }, colorScheme: 'dark' })

  test('the avatar, its caption and the voice switches fit, and Captions can be turned off', async ({ mira, agent }, testInfo) => {
    test.setTimeout(180_000)
    agent.answer = () => [{ tokens: ['Small but clear.'] }, { tts: LONG(0), emotion: 'happy' }, { tts: LONG(1) }]
    // A minute of voice: still speaking after the look and the click, however busy the machine.
    agent.ttsDurationMs = (text) => (text === LONG(0) ? 60_000 : undefined)
    const { page } = mira
    await ask(page, 'Hi')
    // A last resort: the minute of voice is made and decoded first.
    await expect(page.locator('[data-caption]')).toHaveText(LONG(0), { timeout: 60_000 })
    await expect(page.getByRole('button', { name: 'Captions', exact: true })).toBeInViewport()
    await page.screenshot({ path: testInfo.outputPath('narrow-dark-speaking.png') })

    await page.getByRole('button', { name: 'Captions', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Captions', exact: true })).toHaveAttribute('aria-pressed', 'false')
    await expect(page.locator('[data-caption]')).toHaveCount(0)
    // Speech goes on without captions.
    await expect(avatar(page)).toHaveAttribute('data-state', 'speaking')
  })
})
