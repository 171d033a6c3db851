/**
 * Talking to Mira by voice, in web mode with Chromium's fake microphone playing a sentence made by
 * espeak-ng (padded with silence by sox): the real detector (Silero VAD in onnxruntime-web, loaded
 * from the app's own origin) finds the utterance, the host sends it to an OpenAI-compatible
 * transcription server (the test's fake, recognising with PocketSphinx and a grammar of the test
 * sentences), and the transcript is sent as the user's message. Then barge-in: the same voice
 * while Mira speaks stops her and interrupts the turn.
 */
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { pocketsphinxEngine } from '../src/server'
import { FakeOpenAiServer } from '../test/support/fake-openai-server'
import { missingSpeechTools, writeGrammar, writeSpeechWav } from '../test/support/speech-audio'
import { expect, test } from './fixtures'

const SENTENCE = 'tell me a story about the sea'
const missing = missingSpeechTools()
const dir = join(tmpdir(), `mira-listen-e2e-${process.pid}`)
mkdirSync(dir, { recursive: true })
const micFile = join(dir, 'mic.wav')
// Chromium loops the file: a second of silence, the sentence (~2.5 s), then a long silence before it comes again.
if (!missing) writeSpeechWav(micFile, SENTENCE, { padStartS: 1, padEndS: 10, sampleRate: 48_000 })
const grammar = missing ? '' : writeGrammar(dir)

test.skip(missing !== undefined, `voice e2e needs ${missing}`)
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micFile}`,
    ],
  },
})

let stt: FakeOpenAiServer
const sphinx = pocketsphinxEngine({ grammar })
test.beforeEach(async () => {
  stt = await FakeOpenAiServer.start({ transcriber: (upload) => sphinx.transcribe(upload.file?.bytes ?? new Uint8Array()) })
})
test.afterEach(async () => {
  await stt.close()
})

/** Settings → Listening: recognise with the fake transcription server. */
async function useFakeTranscription(page: Page, screenshot?: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const section = dialog.getByRole('region', { name: 'Listening' })
  await section.scrollIntoViewIfNeeded()
  await section.getByRole('radio', { name: /A transcription endpoint/ }).check()
  // The address is needed before the choice can be saved: the host refuses it, and says so.
  await expect(section.getByText('Give the transcription endpoint’s address')).toBeVisible()
  await section.getByRole('textbox', { name: 'Endpoint address' }).fill(stt.baseUrl)
  await section.getByRole('textbox', { name: 'Endpoint address' }).press('Tab')
  await expect(section.getByText('Saved.')).toBeVisible()
  await expect(section.getByText('Loads on first use')).toBeVisible()
  await section.getByRole('button', { name: 'Test microphone' }).click()
  // Testing the microphone loads the detector, ahead of its first use.
  await expect(section.getByText('Ready')).toBeVisible({ timeout: 30_000 })
  // The meter moves when the fake microphone's sentence comes round (every ~13.5 s).
  const level = section.getByRole('meter', { name: 'Input level' })
  await expect.poll(() => level.evaluate((m) => Number(m.getAttribute('value'))), { timeout: 40_000, intervals: [100] }).toBeGreaterThan(0.05)
  if (screenshot) await section.screenshot({ path: screenshot })
  await section.getByRole('button', { name: 'Stop test' }).click()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
}

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

test('barge-in: speaking while Mira talks stops her voice at once and interrupts her turn', async ({ mira, agent }, testInfo) => {
  test.setTimeout(180_000)
  const LONG = (n: number): string => `Sentence ${n} is long enough to keep the voice busy for a good while, so the test can watch it closely and calmly, start to end.`
  // Every utterance gets a spoken answer of minutes whose turn stays open; the fake microphone says the
  // sentence again every ~13.5 s, so the next utterance always begins while she speaks.
  agent.answer = () => [{ tokens: ['A long story.'] }, ...Array.from({ length: 3 }, (_, i) => ({ tts: LONG(i + 1) })), { delayMs: 300_000 }]
  agent.ttsDurationMs = (text) => (text.startsWith('Sentence') ? 60_000 : undefined)
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await useFakeTranscription(page)
  await page.getByRole('button', { name: 'Talk to Mira (hands-free)' }).click()
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(log.getByRole('article', { name: 'You' }).first()).toHaveText(SENTENCE, { timeout: 30_000 })
  // She is speaking and the microphone hears nothing yet (seen in one look: an utterance begun before she
  // spoke is an ordinary message, not a barge-in), so the next utterance begins while she talks.
  await page.waitForFunction(
    () => document.querySelector('[data-caption]')?.textContent?.includes('Sentence 1') && document.querySelector('.mic[data-listen="listening"]'),
    undefined,
    { timeout: 60_000 },
  )
  const transcribedBefore = stt.uploads.length
  const saidBefore = await log.getByRole('article', { name: 'You' }).count()
  const framesBefore = agent.received.length
  await page.screenshot({ path: testInfo.outputPath('speaking-listening.png') })

  await agent.waitForFrame((f) => f.type === 'interrupt_stream', 40_000, framesBefore)
  // The voice stopped her as it began, not when its words were sent: nothing more was transcribed yet.
  expect(stt.uploads.length, 'utterances transcribed when the interrupt came').toBe(transcribedBefore)
  // Her voice stops with the turn, long before her sentences were said.
  await expect(page.locator('[data-caption]')).toHaveCount(0)
  await expect(log.getByRole('article', { name: 'Mira' }).nth(saidBefore - 1)).toContainText('Stopped')
  // What the user said over her is the next message.
  await expect(log.getByRole('article', { name: 'You' }).nth(saidBefore)).toHaveText(SENTENCE, { timeout: 30_000 })
  await page.screenshot({ path: testInfo.outputPath('barged-in.png') })
})
