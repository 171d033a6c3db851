/**
 * Talking to Mira by voice, in web mode with Chromium's fake microphone playing a sentence made by
 * espeak-ng (padded with silence by sox): the real detector (Silero VAD in onnxruntime-web, loaded
 * from the app's own origin) finds the utterance, the host sends it to an OpenAI-compatible
 * transcription server (the test's fake, recognising with PocketSphinx and a grammar of the test
 * sentences), and the transcript is sent as the user's message; push-to-talk by key and by button.
 * Barge-in is in barge-in.spec.ts.
 */
import { FakeOpenAiServer } from '../test/support/fake-openai-server'
import { expect, test } from './fixtures'
import { fakeMic, SENTENCE, useFakeTranscription as chooseFakeTranscription } from './support/listen'
import type { Page } from '@playwright/test'

// Chromium loops the file: 3 s of silence (the detector may join late on a loaded machine: hold-to-talk sends
// what it heard from then on), the sentence (~2.5 s), then 10 s of silence before it comes again.
const mic = fakeMic('listen', 10, 3)
test.skip(mic.missing !== undefined, `voice e2e needs ${mic.missing}`)
test.use({ launchOptions: mic.launchOptions })

let stt: FakeOpenAiServer
test.beforeEach(async () => {
  stt = await FakeOpenAiServer.start({ transcriber: (upload) => mic.transcribe(upload.file?.bytes ?? new Uint8Array()) })
})
test.afterEach(async () => {
  await stt.close()
})

const useFakeTranscription = (page: Page, screenshot?: string): Promise<void> => chooseFakeTranscription(page, stt, screenshot)

test('hands-free: the spoken sentence is detected, transcribed and sent as the message', async ({ mira, agent }, testInfo) => {
  // Loading the detector's 17 MB and running it in WebAssembly is slow on a loaded machine.
  test.setTimeout(120_000)
  agent.answer = () => [{ tokens: ['Once upon a time.'] }]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const mic = page.getByRole('button', { name: 'Talk to Mira (hands-free)' })
  await expect(mic).toHaveAttribute('aria-pressed', 'false')
  await page.locator('.composer').screenshot({ path: testInfo.outputPath('mic-off.png') })
  await useFakeTranscription(page, testInfo.outputPath('settings-listening.png'))

  await mic.click()
  const on = page.getByRole('button', { name: 'Stop listening' })
  await expect(on).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByText(/^Mic on · /)).toBeVisible()
  await expect(page.locator('[data-state]').first()).toHaveAttribute('data-state', 'listening')
  await page.getByText('Mic on · hearing you').waitFor({ timeout: 20_000 })
  await page.screenshot({ path: testInfo.outputPath('mic-hearing.png') })

  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(log.getByRole('article', { name: 'You' }).first()).toHaveText(SENTENCE, { timeout: 30_000 })
  const sent = await agent.waitForFrame((f) => f.type === 'chat_message')
  expect(sent).toMatchObject({ content: SENTENCE })
  await expect(log.getByRole('article', { name: 'Mira' }).first()).toHaveText('Once upon a time.')
  await page.screenshot({ path: testInfo.outputPath('mic-sent.png') })

  // What went to the transcription server: a 16 kHz mono WAV holding the utterance, no more.
  const upload = stt.uploads[0]
  expect(upload?.fields.model).toBe('whisper-1')
  const wav = upload?.file?.bytes ?? Buffer.alloc(0)
  expect(wav.readUInt32LE(24)).toBe(16_000)
  expect(wav.readUInt16LE(22)).toBe(1)
  const seconds = (wav.length - 44) / 32_000
  expect(seconds).toBeGreaterThan(1.2)
  expect(seconds).toBeLessThan(4.5)

  await on.click()
  await expect(page.getByRole('button', { name: 'Talk to Mira (hands-free)' })).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByText(/^Mic on · /)).toHaveCount(0)
})

test('push-to-talk: Space held in the empty message box talks, release sends', async ({ mira, agent }, testInfo) => {
  test.setTimeout(120_000)
  agent.answer = () => [{ tokens: ['Heard you.'] }]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await useFakeTranscription(page)
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.focus()
  await page.keyboard.down('Space')
  await expect(page.getByText('Mic on · release to send')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('button', { name: 'Talk to Mira (hands-free)' })).toHaveClass(/mic__button--on/)
  // The detector hears the sentence begin and end; the key is still held all the while.
  await page.locator('.mic[data-listen="hearing"]').waitFor({ timeout: 30_000 })
  await page.screenshot({ path: testInfo.outputPath('push-to-talk.png') })
  await page.locator('.mic[data-listen="listening"]').waitFor({ timeout: 30_000 })
  await page.keyboard.up('Space')
  await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'You' })).toHaveText(SENTENCE, { timeout: 30_000 })
  // Nothing was typed by the held key, and the microphone is off again.
  await expect(box).toHaveValue('')
  await expect(page.getByText(/^Mic on · /)).toHaveCount(0)
})

test('hold-to-talk on the mic button: held talks, release sends; hands-free stays off', async ({ mira, agent }) => {
  test.setTimeout(120_000)
  agent.answer = () => [{ tokens: ['Heard you.'] }]
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await useFakeTranscription(page)
  const mic = page.getByRole('button', { name: 'Talk to Mira (hands-free)' })
  await mic.hover()
  await page.mouse.down()
  await expect(page.getByText('Mic on · release to send')).toBeVisible({ timeout: 20_000 })
  await page.locator('.mic[data-listen="hearing"]').waitFor({ timeout: 30_000 })
  await page.locator('.mic[data-listen="listening"]').waitFor({ timeout: 30_000 })
  await page.mouse.up()
  await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'You' })).toHaveText(SENTENCE, { timeout: 30_000 })
  await expect(mic).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByText(/^Mic on · /)).toHaveCount(0)
})
