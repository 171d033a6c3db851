/**
 * Spoken test audio made on the spot (no recordings in the repo): espeak-ng says the sentence,
 * sox makes it 16 kHz mono 16-bit and pads it with silence. A JSGF grammar of the test sentences
 * makes PocketSphinx's answers exact. Needs Debian's espeak-ng, sox, pocketsphinx and
 * pocketsphinx-en-us; `missingSpeechTools()` says which are absent.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Sentences PocketSphinx knows every word of (cmudict). */
export const TEST_SENTENCES = ['tell me a story about the sea', 'what is the weather like today', 'please turn on the light', 'good morning to you my friend'] as const

export function missingSpeechTools(): string | undefined {
  const missing = ['espeak-ng', 'sox', 'pocketsphinx_continuous'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
  return missing.length ? `not installed here: ${missing.join(', ')} (Debian: espeak-ng sox pocketsphinx pocketsphinx-en-us)` : undefined
}

export interface SpeechWavOptions {
  /** Silence before and after (s). */
  padStartS?: number
  padEndS?: number
  sampleRate?: number
}

/** Writes `text` spoken as a WAV to `file`. */
export function writeSpeechWav(file: string, text: string, options: SpeechWavOptions = {}): void {
  const dir = mkdtempSync(join(tmpdir(), 'mira-speech-'))
  try {
    const raw = join(dir, 'raw.wav')
    const said = spawnSync('espeak-ng', ['-w', raw, text])
    if (said.status !== 0) throw new Error(`espeak-ng failed: ${said.stderr.toString()}`)
    const args = [raw, '-r', String(options.sampleRate ?? 16_000), '-c', '1', '-b', '16', file, 'pad', String(options.padStartS ?? 0.5), String(options.padEndS ?? 0.5)]
    const converted = spawnSync('sox', args)
    if (converted.status !== 0) throw new Error(`sox failed: ${converted.stderr.toString()}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `text` spoken, as WAV bytes. */
export function speechWav(text: string, options: SpeechWavOptions = {}): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'mira-speech-'))
  try {
    const file = join(dir, 'speech.wav')
    writeSpeechWav(file, text, options)
    return readFileSync(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A JSGF grammar of `sentences` in `dir`; returns its path. */
export function writeGrammar(dir: string, sentences: readonly string[] = TEST_SENTENCES): string {
  const file = join(dir, 'test-sentences.jsgf')
  writeFileSync(file, `#JSGF V1.0;\ngrammar mira;\npublic <sentence> = ${sentences.join(' | ')};\n`)
  return file
}
