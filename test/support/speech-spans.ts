/**
 * Where the sound is in a WAV, measured by sox (its `silence` effect), for the VAD timing tests:
 * from a position, `silence 1 …` drops the leading quiet (what is left says where sound begins) and
 * `silence 1 … 1 GAP …` also stops at the first quiet of GAP seconds (what is left says where it
 * ends). Also makes the tests' microphone files: espeak-ng sentences cut to their sound and laid
 * out with known silences, pure silence, and noise.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Span {
  /** Seconds from the start of the file. */
  start: number
  end: number
}

function sox(args: string[]): string {
  const run = spawnSync('sox', args, { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`sox ${args.join(' ')}: ${run.stderr}`)
  return run.stderr
}

/** Seconds of audio left after `effects` applied to `file` from `from` s on. */
function lengthAfter(file: string, from: number, effects: string[]): number {
  const report = sox([file, '-n', 'trim', from.toFixed(4), ...effects, 'stat'])
  const match = /Length \(seconds\):\s+([\d.]+)/.exec(report)
  if (!match?.[1]) throw new Error(`sox stat gave no length: ${report}`)
  return Number(match[1])
}

export function durationS(file: string): number {
  return lengthAfter(file, 0, [])
}

export interface SpanOptions {
  /** Quiet shorter than this stays inside a span (s). Default 0.25. */
  minGapS?: number
  /** sox's level under which it is quiet. Default 0.5% (about -46 dBFS). */
  threshold?: string
}

/** The spans of sound in `file`, in order. */
export function soundSpans(file: string, options: SpanOptions = {}): Span[] {
  const threshold = options.threshold ?? '0.5%'
  const gap = String(options.minGapS ?? 0.25)
  // Sound must last 20 ms to count: a lone click is not where speech starts.
  const lead = ['silence', '1', '0.02', threshold]
  const total = durationS(file)
  const spans: Span[] = []
  let at = 0
  while (at < total - 0.03) {
    const rest = lengthAfter(file, at, lead)
    if (rest < 0.03) break
    const start = total - rest
    const length = lengthAfter(file, start, [...lead, '1', gap, threshold])
    const end = Math.min(total, start + length)
    spans.push({ start, end })
    at = end + 0.01
  }
  return spans
}

/** Joins spans whose gap is shorter than `gapS`: what one utterance is for a detector with that end delay. */
export function mergeSpans(spans: readonly Span[], gapS: number): Span[] {
  const merged: Span[] = []
  for (const span of spans) {
    const last = merged.at(-1)
    if (last && span.start - last.end < gapS) last.end = span.end
    else merged.push({ ...span })
  }
  return merged
}

export type Piece = { say: string } | { silenceS: number } | { noiseS: number; volume: number }

/**
 * Writes a mono 16-bit WAV at `sampleRate` of `pieces` in order: each sentence spoken by espeak-ng
 * with its own leading and trailing quiet cut off, each silence and each stretch of pink noise (at
 * `volume`, 0..1) exactly as long as given.
 */
export function writeSpokenLayout(file: string, pieces: readonly Piece[], sampleRate: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'mira-layout-'))
  try {
    const parts = pieces.map((piece, i) => {
      const part = join(dir, `${i}.wav`)
      if ('silenceS' in piece) {
        writeSilenceOrNoise(part, piece.silenceS, sampleRate)
        return part
      }
      if ('noiseS' in piece) {
        writeSilenceOrNoise(part, piece.noiseS, sampleRate, piece.volume)
        return part
      }
      const raw = join(dir, `${i}-raw.wav`)
      const said = spawnSync('espeak-ng', ['-w', raw, piece.say])
      if (said.status !== 0) throw new Error(`espeak-ng failed: ${said.stderr.toString()}`)
      const cut = ['silence', '1', '0.01', '0.1%', 'reverse', 'silence', '1', '0.01', '0.1%', 'reverse']
      sox([raw, '-r', String(sampleRate), '-c', '1', '-b', '16', part, ...cut])
      return part
    })
    sox([...parts, file])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `seconds` of digital silence, or of pink noise at `volume` (0..1), as a mono 16-bit WAV. */
export function writeSilenceOrNoise(file: string, seconds: number, sampleRate: number, noiseVolume?: number): void {
  const synth = noiseVolume === undefined ? ['trim', '0', String(seconds)] : ['synth', String(seconds), 'pinknoise', 'vol', String(noiseVolume)]
  sox(['-n', '-r', String(sampleRate), '-c', '1', '-b', '16', file, ...synth])
}
