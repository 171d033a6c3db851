/**
 * The local voice's espeak-ng runs (src/renderer/src/lib/speech/local/espeak-run.ts), in Node with
 * the real WebAssembly, as the worker does in the page. Loaded by path: the renderer's sources
 * belong to the web type-check project, whose lib this Node project does not share.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

interface Job {
  text: string
  voice: string
  rate: number
  pitch: number
}
interface Session {
  run(job: Job): Uint8Array
}
interface EspeakRun {
  compileEspeak(bytes: Uint8Array): Promise<object>
  EspeakSession: { create(factory: unknown, wasm: object): Promise<Session> }
  EspeakRunError: new (...args: never[]) => Error
}

const MODULE = new URL('../../src/renderer/src/lib/speech/local/espeak-run.ts', import.meta.url).href
const entry = createRequire(import.meta.url).resolve('espeak-ng')
const wasmPath = join(dirname(entry), 'espeak-ng.wasm')
let compileEspeak: EspeakRun['compileEspeak']
let session: Session
let EspeakRunError: EspeakRun['EspeakRunError']
/** One session for every test: built once and reused, as the worker does. */
const runEspeak = async (job: Job): Promise<Uint8Array> => session.run(job)

/** Seconds of audio in a 16-bit mono WAV with a 44-byte header. */
const seconds = (wav: Uint8Array): number => (wav.length - 44) / 2 / new DataView(wav.buffer, wav.byteOffset).getUint32(24, true)

beforeAll(async () => {
  const factory = ((await import(pathToFileURL(entry).href)) as { default: unknown }).default
  const run = (await import(MODULE)) as EspeakRun
  ;({ compileEspeak, EspeakRunError } = run)
  const wasm = await compileEspeak(readFileSync(wasmPath))
  session = await run.EspeakSession.create(factory, wasm)
})

describe('runEspeak', () => {
  it('speaks a sentence as a WAV, at the asked speed', async () => {
    const text = 'Hello there, this is the local voice speaking.'
    const normal = await runEspeak({ text, voice: 'en-us', rate: 175, pitch: 50 })
    expect(new TextDecoder().decode(normal.subarray(0, 4))).toBe('RIFF')
    expect(seconds(normal)).toBeGreaterThan(1)
    const fast = await runEspeak({ text, voice: 'en-us', rate: 350, pitch: 50 })
    expect(seconds(fast)).toBeLessThan(seconds(normal) * 0.75)
  })

  it('reads text that starts with a dash as text, and refuses a malformed voice name', async () => {
    expect(seconds(await runEspeak({ text: '-v xx --help', voice: 'en-us', rate: 175, pitch: 50 }))).toBeGreaterThan(0.3)
    await expect(runEspeak({ text: 'Hi', voice: 'en -w x', rate: 175, pitch: 50 })).rejects.toMatchObject({ code: 'synthesis' })
  })

  it('runs job after job on one espeak-ng: the same sentence gives the same audio, also after a refused voice', async () => {
    const job = { text: 'The same sentence, twice.', voice: 'en-us', rate: 175, pitch: 50 }
    const first = await runEspeak(job)
    await runEspeak({ ...job, text: 'Something else in between, a little longer.' })
    // espeak-ng exits (1) inside: the next run starts clean all the same.
    await expect(runEspeak({ ...job, voice: 'zz' })).rejects.toMatchObject({ code: 'synthesis', message: expect.stringMatching(/voice/i) })
    const again = await runEspeak(job)
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true)
  })

  it('reports damaged WebAssembly as corrupt, not as a crash', async () => {
    const error = await compileEspeak(new TextEncoder().encode('<!doctype html>not wasm')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EspeakRunError)
    expect(error).toMatchObject({ code: 'corrupt' })
  })
})
