/**
 * Barge-in, in web mode, the microphone playing a file in the app's audio graph (`fileMicrophone`:
 * whole however loaded the machine, which Chromium's real-time fake device is not). The same
 * sentence comes round every ~28 s of audio (long enough for her answer to start speaking however
 * loaded the machine), so one comes while she speaks. The user's voice stops her at once —
 * measured on the detector's own audio timeline — and interrupts the turn; what was said is then
 * sent. Her own voice alone does not do it: see vad-timing.spec.ts and, with real echo,
 * `npm run bench -- bargein`.
 */
import { FakeOpenAiServer } from '../test/support/fake-openai-server'
import { expect, test } from './fixtures'
import { fakeMic, SENTENCE, useFakeTranscription } from './support/listen'
import { FILE_MIC_OPENED } from './support/page-scripts'

const mic = fakeMic('barge-in', 25)
test.skip(mic.missing !== undefined, `voice e2e needs ${mic.missing}`)
test.use({ launchOptions: mic.launchOptions, pageScripts: [mic.pageScript] })

let stt: FakeOpenAiServer
test.beforeEach(async () => {
  stt = await FakeOpenAiServer.start({ transcriber: (upload) => mic.transcribe(upload.file?.bytes ?? new Uint8Array()) })
})
test.afterEach(async () => {
  await stt.close()
})

test('barge-in: speaking while Mira talks stops her voice at once and interrupts her turn', async ({ mira, agent }, testInfo) => {
  // A last resort: the file plays in audio time, which a starved machine's audio graph can run behind the wall clock.
  test.setTimeout(420_000)
  const LONG = (n: number): string => `Sentence ${n} is long enough to keep the voice busy for a good while, so the test can watch it closely and calmly, start to end.`
  // Every utterance gets a long spoken answer (48 sentences, over a minute) whose turn stays open; the fake microphone says
  // the sentence again every ~28 s, so sooner or later it comes while she speaks.
  agent.answer = () => [{ tokens: ['A long story.'] }, ...Array.from({ length: 48 }, (_, i) => ({ tts: LONG(i + 1) })), { delayMs: 60_000 }]
  const { page } = mira
  // The detector's timeline (`?diagnostics=1`) tells when, in the audio, she was stopped.
  await page.goto(new URL('/?diagnostics=1', page.url()).href)
  await expect(page.getByRole('status')).toHaveText('Connected')
  await useFakeTranscription(page, stt)
  await page.getByRole('button', { name: 'Talk to Mira (hands-free)' }).click()
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(log.getByRole('article', { name: 'You' }).first()).toHaveText(SENTENCE, { timeout: 120_000 })
  await expect(page.locator('[data-caption]')).toContainText('Sentence 1', { timeout: 60_000 })
  // From here on she is talking.
  const framesBefore = agent.received.length
  await page.screenshot({ path: testInfo.outputPath('speaking-listening.png') })

  await agent.waitForFrame((f) => f.type === 'interrupt_stream', 150_000, framesBefore)
  // At once, in audio time (however slow the machine): the barge-in came when the detector was sure
  // it was a voice (the stricter minimum of speech while she talks, 400 ms), long before the
  // utterance ended, so before any of its words could be transcribed.
  const events = (await page.evaluate('window.__miraListen.summary().events')) as { kind: string; atSample: number }[]
  const barge = events.findIndex((e) => e.kind === 'bargeIn')
  const began = events.slice(0, barge).findLast((e) => e.kind === 'speechStart')
  expect(barge, 'a barge-in on the timeline').toBeGreaterThan(0)
  expect(((events[barge]?.atSample ?? 0) - (began?.atSample ?? 0)) / 16_000).toBeLessThan(0.6)
  // Her voice stops with the turn, long before her 48 sentences were said.
  await expect(page.locator('[data-caption]')).toHaveCount(0)
  await expect(log.getByRole('article', { name: 'Mira' }).filter({ hasText: 'Stopped' }).last()).toBeVisible()
  // What the user said over her is the next message, sent after the interrupt.
  const said = await agent.waitForFrame((f) => f.type === 'chat_message', 60_000, agent.received.findIndex((r, i) => i >= framesBefore && r.frame.type === 'interrupt_stream'))
  expect(said).toMatchObject({ content: SENTENCE })
  await page.screenshot({ path: testInfo.outputPath('barged-in.png') })
  // It was the file in the audio graph that was heard.
  expect(await page.evaluate(FILE_MIC_OPENED)).toBeGreaterThan(0)
})
