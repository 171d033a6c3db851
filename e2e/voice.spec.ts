/**
 * The Voice section of the settings dialog: choices apply at once (no Save), "Test voice" plays
 * through the chosen engine or says why it cannot, and the diagnostics show measured latency.
 * Headless Chromium has no browser voices; the fake agent's TTS returns tone WAVs.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openSettings } from './support/settings'
import { launchWeb } from './support/launch'
import { avatarLog, recordAvatar, widestMouth } from './support/avatar-log'
import { RECORDED_TEXTS, recordTexts } from './support/page-scripts'

/** ~135 characters: the fake TTS makes 1.5 s of tone from it. */
const LONG = (n: number): string => `Sentence ${n} is long enough to keep the voice busy for a good while, so the test can watch it closely and calmly, start to end.`

// The avatar sits behind the modal dialog (inert), so it is found by attribute, not by role.
const mouth = async (page: Page): Promise<number> => Number(await page.locator('svg[data-mouth]').getAttribute('data-mouth'))
const synthesized = (agent: { restRequests: { url: string }[] }) => agent.restRequests.filter((r) => r.url === '/v1/tts/synthesize').length

async function ask(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

async function openVoice(page: Page) {
  const dialog = await openSettings(page, 'Voice')
  const section = dialog.getByRole('region', { name: 'Voice' })
  return { dialog, section }
}

test('switching the voice Off applies at once, without Save: nothing is synthesized', async ({ mira, agent }) => {
  agent.answer = () => [{ tokens: ['Quietly.'] }, { tts: 'Quietly.' }]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const { dialog, section } = await openVoice(page)
  await section.getByRole('radio', { name: /^Off/ }).check()
  await expect(section.getByRole('button', { name: 'Test voice' })).toBeDisabled()
  await expect(section.getByText('The voice is off.')).toBeVisible()
  // Cancel: the dialog's settings are dropped, the voice choice is not.
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()

  await ask(page, 'Say it')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveAttribute('aria-busy', 'false')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('Quietly.')
  expect(synthesized(agent)).toBe(0)
  expect(await page.evaluate('localStorage.getItem("mira.speech")')).toContain('"engine":"off"')

  // Still off after a reload.
  await page.reload()
  await ask(page, 'Again')
  await expect(page.getByRole('article', { name: 'Mira' }).last()).toHaveAttribute('aria-busy', 'false')
  expect(synthesized(agent)).toBe(0)
})

test('"Test voice" plays the server voice (the mouth opens) and explains that there are no browser voices', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const { dialog, section } = await openVoice(page)
  await expect(section.getByText('This system has no browser voices.')).toBeVisible()

  await section.getByRole('radio', { name: /^Server voice/ }).check()
  // Recorded, not polled: on a loaded machine the short test sound can be over before a look.
  await recordAvatar(page)
  await page.evaluate(recordTexts('.voice-actions__status'))
  await section.getByRole('button', { name: 'Test voice' }).click()
  await dialog.screenshot({ path: testInfo.outputPath('voice-testing-server.png') })
  await expect(section.getByText('That was the server voice.')).toBeVisible({ timeout: 30_000 })
  expect(((await page.evaluate(RECORDED_TEXTS)) as string[]).slice(-2)).toEqual(['Speaking with the server voice…', 'That was the server voice.'])
  expect(widestMouth(await avatarLog(page))).toBeGreaterThan(0.3)
  expect(synthesized(agent)).toBe(1)
  await expect.poll(() => mouth(page)).toBe(0)

  await section.getByRole('radio', { name: /^Browser voice/ }).check()
  await section.getByRole('button', { name: 'Test voice' }).click()
  await expect(section.getByText('This system has no browser voices.', { exact: true }).last()).toBeVisible()
  await expect(section.locator('.voice-actions__status')).toHaveText('This system has no browser voices.')
  expect(synthesized(agent)).toBe(1)
  await dialog.screenshot({ path: testInfo.outputPath('voice-no-browser-voices.png') })
})

test('the diagnostics show measured latency, silence between sentences and Stop → silence', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: ['Three sentences.'] }, { tts: LONG(1) }, { tts: LONG(2) }, { tts: LONG(3) }, { hang: true }]
  // The second sentence plays for minutes, so Stop always finds it playing, however slow the machine.
  agent.ttsDurationMs = (text) => (text === LONG(2) ? 120_000 : undefined)
  const { page } = mira
  await ask(page, 'Talk')
  // The second sentence playing: one gap measured; then Stop cuts it.
  await expect(page.locator('[data-caption]')).toHaveText(LONG(2))
  await expect.poll(() => mouth(page)).toBeGreaterThan(0.3)
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect.poll(() => mouth(page)).toBe(0)

  const { dialog, section } = await openVoice(page)
  const toggle = section.getByRole('button', { name: 'Diagnostics' })
  await toggle.click()
  await expect(section.getByRole('button', { name: 'Hide diagnostics' })).toHaveAttribute('aria-expanded', 'true')
  const table = section.getByRole('table')
  await expect(table).toContainText('over the last 2 sentences')
  const cells = (stage: string) => table.locator(`tr[data-stage="${stage}"] td`)
  for (const stage of ['queue', 'synthesis', 'start', 'firstAudio', 'gap', 'stop']) {
    const values = await cells(stage).allTextContents()
    expect(values, stage).toHaveLength(3)
    for (const value of values) expect(Number.isFinite(Number(value)), `${stage}: ${value}`).toBe(true)
  }
  await table.scrollIntoViewIfNeeded()
  await dialog.screenshot({ path: testInfo.outputPath('voice-diagnostics.png') })
})

test.describe('on a 360 px wide dark window', () => {
  test.use({ viewport: { width: 360, height: 720 }, colorScheme: 'dark' })

  test('the Voice section fits', async ({ mira }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    const { section } = await openVoice(page)
    await section.getByRole('button', { name: 'Diagnostics' }).click()
    await expect(section.getByText('Nothing spoken yet')).toBeVisible()
    await section.getByRole('radio', { name: /^Automatic/ }).scrollIntoViewIfNeeded()
    const overflow = await section.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
    expect(overflow).toBe(false)
    await page.screenshot({ path: testInfo.outputPath('voice-narrow-dark.png') })
  })
})

test('in Japanese: the Voice section, its test status and the diagnostics are translated and fit', async ({ agent, lazyBrowser, target }, testInfo) => {
  test.skip(target !== 'web', 'The browser language is set on the web target')
  agent.answer = () => [{ tokens: ['二文です。'] }, { tts: LONG(1) }, { tts: LONG(2) }]
  const mira = await launchWeb({ serverUrl: agent.url, token: 'e2e-token', browser: lazyBrowser, locale: 'ja-JP', openConversation: true })
  try {
    const { page } = mira
    await page.getByRole('textbox').first().fill('話して')
    await page.keyboard.press('Enter')
    await expect(page.locator('[data-caption]')).toHaveText(LONG(2))
    const dialog = await openSettings(page, '声', { button: '設定', dialog: '設定' })
    const section = dialog.getByRole('region', { name: '音声' })
    await expect(section.getByRole('radiogroup', { name: '音声エンジン' })).toBeVisible()
    await expect(section.getByRole('radio', { name: /^ローカル音声/ })).toBeVisible()
    await section.getByRole('button', { name: '音声をテスト' }).click()
    await expect(section.getByText('サーバーの音声で話しています…')).toBeVisible()
    await dialog.screenshot({ path: testInfo.outputPath('ja-voice-section.png') })

    await section.getByRole('button', { name: '診断', exact: true }).click()
    const table = section.getByRole('table')
    await expect(table).toContainText('最初の音までの余分な時間')
    await expect(table.locator('caption')).toHaveText('読み上げの遅延（ms）、直近 2 文')
    await table.scrollIntoViewIfNeeded()
    const overflow = await section.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
    expect(overflow).toBe(false)
    await dialog.screenshot({ path: testInfo.outputPath('ja-voice-diagnostics.png') })
  } finally {
    await mira.close()
  }
  expect(mira.problems).toEqual([])
})
