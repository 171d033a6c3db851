/**
 * What the listening specs share: a fake microphone file (espeak-ng's sentence padded with sox,
 * looped by Chromium), the Chromium flags that play it, a PocketSphinx transcriber with a grammar of
 * the test sentences behind the fake OpenAI-compatible server, and choosing that server in Settings.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { pocketsphinxEngine } from '../../src/server'
import type { FakeOpenAiServer } from '../../test/support/fake-openai-server'
import { missingSpeechTools, writeGrammar, writeSpeechWav } from '../../test/support/speech-audio'
import { expect } from '../fixtures'
import { fakeMicLaunchOptions } from './chromium'
import { fileMicrophone } from './page-scripts'
import { openSettings } from './settings'

export const SENTENCE = 'tell me a story about the sea'

export interface FakeMic {
  /** Why the voice specs cannot run here, if they cannot. */
  missing: string | undefined
  launchOptions: { executablePath: string; args: string[] }
  /** The same file as a microphone in the app's audio graph (`fileMicrophone`): whole, however loaded the machine. */
  pageScript: string
  transcribe(bytes: Uint8Array): Promise<string>
}

/**
 * The sentence after `padStartS` of silence, then `padEndS` of silence before Chromium loops it. The
 * file plays from its start when the microphone opens; the app's detector joins it a moment later (a
 * long moment on a loaded machine), so the lead silence is what it may miss, not the sentence.
 */
export function fakeMic(name: string, padEndS: number, padStartS = 1): FakeMic {
  const missing = missingSpeechTools()
  const dir = join(tmpdir(), `mira-${name}-e2e-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const micFile = join(dir, 'mic.wav')
  if (!missing) writeSpeechWav(micFile, SENTENCE, { padStartS, padEndS, sampleRate: 48_000 })
  const sphinx = pocketsphinxEngine({ grammar: missing ? '' : writeGrammar(dir) })
  return {
    missing,
    launchOptions: fakeMicLaunchOptions(micFile),
    pageScript: missing ? '' : fileMicrophoneOf(micFile),
    transcribe: (bytes) => sphinx.transcribe(bytes),
  }
}

/** `wavFile` as a `fileMicrophone` page script (its samples at 16 kHz, the detector's own rate). */
export function fileMicrophoneOf(wavFile: string): string {
  const raw = spawnSync('sox', [wavFile, '-t', 'raw', '-r', '16000', '-e', 'signed', '-b', '16', '-c', '1', '-'], { maxBuffer: 64 << 20 })
  if (raw.status !== 0) throw new Error(`sox failed: ${raw.stderr.toString()}`)
  return fileMicrophone(raw.stdout.toString('base64'), 16_000)
}

/** Settings → Listening: recognise with the fake transcription server. */
export async function useFakeTranscription(page: Page, stt: FakeOpenAiServer, screenshot?: string): Promise<void> {
  const dialog = await openSettings(page, 'Listening')
  const section = dialog.getByRole('region', { name: 'Listening' })
  await section.getByRole('radio', { name: /A transcription endpoint/ }).check()
  // The address is needed before the choice can be saved: the host refuses it, and says so.
  await expect(section.getByText('Give the transcription endpoint’s address')).toBeVisible()
  await section.getByRole('textbox', { name: 'Endpoint address' }).fill(stt.baseUrl)
  await section.getByRole('textbox', { name: 'Endpoint address' }).press('Tab')
  await expect(section.getByText('Saved.')).toBeVisible()
  await expect(section.getByText('Loads on first use')).toBeVisible()
  await section.getByRole('button', { name: 'Test microphone' }).click()
  // Testing the microphone loads the detector, ahead of its first use.
  await expect(section.getByText('Ready')).toBeVisible({ timeout: 90_000 })
  // The meter moves when the fake microphone's sentence comes round.
  const level = section.getByRole('meter', { name: 'Input level' })
  await expect.poll(() => level.evaluate((m) => Number(m.getAttribute('value'))), { timeout: 60_000, intervals: [100] }).toBeGreaterThan(0.05)
  if (screenshot) await section.screenshot({ path: screenshot })
  await section.getByRole('button', { name: 'Stop test' }).click()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
}
