/**
 * Talking to Mira by voice, in web mode: the real detector (Silero VAD in onnxruntime-web, loaded
 * from the app's own origin) finds the utterance in a sentence made by espeak-ng (padded with silence
 * by sox), the host sends it to an OpenAI-compatible transcription server (the test's fake,
 * recognising with PocketSphinx and a grammar of the test sentences), and the transcript is sent as
 * the user's message; push-to-talk by key and by button. Barge-in is in barge-in.spec.ts.
 *
 * Hands-free listens through Chromium's fake capture device, the path a real microphone takes
 * (echo cancellation included). That device runs in real time in another process, and a starved
 * machine can leave a gap in a sentence, so the test takes the first loop of the file that was heard
 * whole. Push-to-talk, which must get one utterance right, plays the same file in the app's audio
 * graph (`fileMicrophone`), where nothing is lost however loaded the machine.
 */
import { FakeOpenAiServer } from '../test/support/fake-openai-server'
import { expect, test } from './fixtures'
import { fakeMic, SENTENCE, useFakeTranscription as chooseFakeTranscription } from './support/listen'
import { FILE_MIC_OPENED } from './support/page-scripts'
import type { Page } from '@playwright/test'

// The file loops: 3 s of silence (the detector may join late on a loaded machine: hold-to-talk sends
// what it heard from then on), the sentence (~2.5 s), then 10 s of silence before it comes again.
const mic = fakeMic('listen', 10, 3)
test.skip(mic.missing !== undefined, `voice e2e needs ${mic.missing}`)
test.use({ launchOptions: mic.launchOptions })

let stt: FakeOpenAiServer
/** Each upload's transcript, in order. */
let heard: { seconds: number; text: string; rate: number; channels: number; model: unknown }[]
test.beforeEach(async () => {
  heard = []
  stt = await FakeOpenAiServer.start({
    transcriber: async (upload) => {
      const wav = upload.file?.bytes ?? Buffer.alloc(0)
      const text = await mic.transcribe(wav)
      heard.push({ seconds: (wav.length - 44) / 32_000, text, rate: wav.readUInt32LE(24), channels: wav.readUInt16LE(22), model: upload.fields.model })
      return text
    },
  })
})
test.afterEach(async () => {
  await stt.close()
})

const useFakeTranscription = (page: Page, screenshot?: string): Promise<void> => chooseFakeTranscription(page, stt, screenshot)

test('hands-free: the spoken sentence is detected, transcribed and sent as the message', async ({ mira, agent }, testInfo) => {
  // Loading the detector's 17 MB and running it in WebAssembly is slow on a loaded machine, and a loop may be lost.
  test.setTimeout(240_000)
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
  await page.getByText('Mic on · hearing you').waitFor({ timeout: 60_000 })
  await page.screenshot({ path: testInfo.outputPath('mic-hearing.png') })

  // The first loop heard whole is sent (a loop with a gap in it may be sent as something else first).
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(log.getByRole('article', { name: 'You' }).filter({ hasText: SENTENCE }).first()).toHaveText(SENTENCE, { timeout: 90_000 })
  const sent = await agent.waitForFrame((f) => f.type === 'chat_message' && f.content === SENTENCE)
  expect(sent).toMatchObject({ content: SENTENCE })
  await expect(log.getByRole('article', { name: 'Mira' }).first()).toHaveText('Once upon a time.')
  await page.screenshot({ path: testInfo.outputPath('mic-sent.png') })

  // What went to the transcription server: a 16 kHz mono WAV holding the utterance, no more.
  const upload = heard.find((h) => h.text === SENTENCE)
  expect(upload).toMatchObject({ model: 'whisper-1', rate: 16_000, channels: 1 })
  expect(upload?.seconds).toBeGreaterThan(1.2)
  expect(upload?.seconds).toBeLessThan(4.5)

  await on.click()
  await expect(page.getByRole('button', { name: 'Talk to Mira (hands-free)' })).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByText(/^Mic on · /)).toHaveCount(0)
})

test.describe('with the file in the app\'s audio graph', () => {
  test.use({ pageScripts: [mic.pageScript] })

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
    await page.locator('.mic[data-listen="hearing"]').waitFor({ timeout: 60_000 })
    await page.screenshot({ path: testInfo.outputPath('push-to-talk.png') })
    await page.locator('.mic[data-listen="listening"]').waitFor({ timeout: 60_000 })
    await page.keyboard.up('Space')
    await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'You' })).toHaveText(SENTENCE, { timeout: 30_000 })
    // Nothing was typed by the held key, and the microphone is off again.
    await expect(box).toHaveValue('')
    await expect(page.getByText(/^Mic on · /)).toHaveCount(0)
    // It was the file in the audio graph that was heard.
    expect(await page.evaluate(FILE_MIC_OPENED)).toBeGreaterThan(0)
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
    await page.locator('.mic[data-listen="hearing"]').waitFor({ timeout: 60_000 })
    await page.locator('.mic[data-listen="listening"]').waitFor({ timeout: 60_000 })
    await page.mouse.up()
    await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'You' })).toHaveText(SENTENCE, { timeout: 30_000 })
    await expect(mic).toHaveAttribute('aria-pressed', 'false')
    await expect(page.getByText(/^Mic on · /)).toHaveCount(0)
    // It was the file in the audio graph that was heard.
    expect(await page.evaluate(FILE_MIC_OPENED)).toBeGreaterThan(0)
  })
})
