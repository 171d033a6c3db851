/**
 * whisper.cpp on this computer: the model the user picked is checked before the program runs
 * (missing, not a ggml model), a missing program is named, and the program is run with the model,
 * the audio and the language. No whisper.cpp build or model is available here (nothing downloads
 * from model hubs), so recognition quality is not tested: a stand-in `whisper-cli` script checks
 * the arguments it is given and prints a line as the real one does with -nt -np.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkWhisperModel, SttError, whisperCppEngine } from '../../../src/server'
import { makeToneWav } from '../../support/wav'

const dir = mkdtempSync(join(tmpdir(), 'mira-whisper-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const model = join(dir, 'ggml-tiny.en.bin')
// The ggml magic (0x67676d6c, little-endian) and then anything: only the head is checked before running.
writeFileSync(model, Buffer.concat([Buffer.from('lmgg', 'latin1'), Buffer.alloc(64)]))
const notModel = join(dir, 'holiday.jpg')
writeFileSync(notModel, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))

/** Prints the arguments' model and language, and fails unless the audio file exists and is a WAV. */
const cli = join(dir, 'whisper-cli')
writeFileSync(
  cli,
  `#!/bin/sh
while [ $# -gt 0 ]; do case "$1" in -m) m="$2"; shift;; -f) f="$2"; shift;; -l) l="$2"; shift;; esac; shift; done
head -c 4 "$f" | grep -q RIFF || { echo "bad audio" >&2; exit 3; }
echo ""
echo " model=$(basename "$m") language=$l"
`,
)
chmodSync(cli, 0o755)

describe('checkWhisperModel', () => {
  it('accepts a ggml file and names what is wrong with anything else', async () => {
    await expect(checkWhisperModel(model)).resolves.toBeUndefined()
    await expect(checkWhisperModel(join(dir, 'gone.bin'))).rejects.toMatchObject({ kind: 'model-missing', message: expect.stringContaining('ENOENT') })
    await expect(checkWhisperModel(notModel)).rejects.toMatchObject({ kind: 'bad-model', message: expect.stringContaining('holiday.jpg is not a whisper.cpp model') })
    await expect(checkWhisperModel('')).rejects.toBeInstanceOf(SttError)
  })
})

describe('whisperCppEngine', () => {
  it('runs the program on the audio with the model and the language (auto when none)', async () => {
    const engine = whisperCppEngine({ binary: cli, model })
    expect(engine.describe()).toBe('whisper.cpp (ggml-tiny.en.bin)')
    expect(await engine.transcribe(makeToneWav())).toBe('model=ggml-tiny.en.bin language=auto')
    expect(await engine.transcribe(makeToneWav(), { language: 'ja' })).toBe('model=ggml-tiny.en.bin language=ja')
  })

  it('never runs the program with a bad model or bad audio; a missing program is named', async () => {
    await expect(whisperCppEngine({ binary: cli, model: notModel }).transcribe(makeToneWav())).rejects.toMatchObject({ kind: 'bad-model' })
    await expect(whisperCppEngine({ binary: cli, model }).transcribe(makeToneWav({ sampleRate: 44_100 }))).rejects.toMatchObject({ kind: 'bad-audio' })
    await expect(whisperCppEngine({ binary: join(dir, 'no-such-cli'), model }).transcribe(makeToneWav())).rejects.toMatchObject({ kind: 'program-missing' })
  })
})
