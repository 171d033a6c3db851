/**
 * CMU PocketSphinx (Debian `pocketsphinx` + `pocketsphinx-en-us`): offline, English, modest
 * accuracy with its general language model, exact with a JSGF grammar of the expected phrases
 * (what the tests use). Runs `pocketsphinx_continuous` once per utterance.
 */
import { checkWav, SttError, type SttEngine } from './types'
import { runOnWav } from './run-program'

export interface PocketsphinxOptions {
  /** Default `pocketsphinx_continuous` on the PATH. */
  binary?: string
  /** A JSGF grammar file: recognise only its sentences. */
  grammar?: string
}

export function pocketsphinxEngine(options: PocketsphinxOptions = {}): SttEngine {
  const binary = options.binary ?? 'pocketsphinx_continuous'
  return {
    describe: () => (options.grammar ? 'pocketsphinx (grammar)' : 'pocketsphinx'),
    async transcribe(wav, { language, signal } = {}) {
      const format = checkWav(wav)
      if (format.sampleRate !== 16_000 || format.channels !== 1) throw new SttError('bad-audio', 'PocketSphinx needs 16 kHz mono audio')
      if (language && language !== 'en') throw new SttError('engine-failed', `PocketSphinx here knows English only, not “${language}”`)
      // The whole file is one utterance (the page cut it already): its own silence splitting only loses words.
      const args = ['-infile', '{wav}', '-remove_silence', 'no', '-logfn', '/dev/null', ...(options.grammar ? ['-jsgf', options.grammar] : [])]
      const out = await runOnWav(wav, { binary, args, ...(signal ? { signal } : {}) })
      // One line per utterance it found in the file.
      return out.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')
    },
  }
}
