/**
 * One espeak-ng run, free of worker and DOM APIs (the worker and a Node test share it). The npm
 * `espeak-ng` package is the Emscripten build of the espeak-ng CLI: each run instantiates the
 * compiled module with CLI arguments and reads the WAV back from its in-memory file system, as the
 * companion's worker does (src/server/tts/espeak). Text goes through a file, so a leading "-" is
 * never read as an option.
 */
import { messageOf } from '../../../../../shared/errors'

export interface EspeakJob {
  text: string
  /** An espeak-ng voice: `en-us`, `ja`, `ko` … */
  voice: string
  /** Words per minute, 80–450. */
  rate: number
  /** 0–99. */
  pitch: number
}

interface EspeakInstance {
  FS: { readFile(path: string): Uint8Array }
}

interface EspeakOptions {
  arguments: string[]
  preRun: ((module: { FS: { writeFile(path: string, data: string): void } }) => void)[]
  instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): WebAssembly.Exports
  print(line: string): void
  printErr(line: string): void
}

export type EspeakFactory = (options: EspeakOptions) => Promise<EspeakInstance>

/** `missing`: the WebAssembly file could not be fetched; `corrupt`: it is not WebAssembly; `synthesis`: espeak-ng refused. */
export type EspeakFailure = 'missing' | 'corrupt' | 'synthesis'

/** Why a run failed, for the page to put in words. */
export class EspeakRunError extends Error {
  constructor(
    readonly code: EspeakFailure,
    message: string,
  ) {
    super(message)
  }
}

/** espeak-ng voice names: `en`, `en-us`, `cmn-latn-pinyin`, `en+f3`. */
export const ESPEAK_VOICE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*(\+[a-z0-9]{1,8})?$/i

export async function compileEspeak(bytes: BufferSource): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(bytes)
  } catch (error) {
    throw new EspeakRunError('corrupt', messageOf(error))
  }
}

export async function runEspeak(factory: EspeakFactory, wasm: WebAssembly.Module, job: EspeakJob): Promise<Uint8Array> {
  if (!ESPEAK_VOICE.test(job.voice)) throw new EspeakRunError('synthesis', `not a voice name: ${job.voice}`)
  const errors: string[] = []
  const rate = String(Math.round(Math.min(450, Math.max(80, job.rate))))
  const pitch = String(Math.round(Math.min(99, Math.max(0, job.pitch))))
  const espeak = await factory({
    arguments: ['-w', '/out.wav', '-v', job.voice, '-s', rate, '-p', pitch, '-f', '/in.txt'],
    preRun: [(module) => module.FS.writeFile('/in.txt', job.text)],
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(wasm, imports)
      receive(instance, wasm)
      return instance.exports
    },
    print() {},
    printErr(line) {
      errors.push(String(line))
    },
  })
  try {
    return espeak.FS.readFile('/out.wav').slice()
  } catch {
    throw new EspeakRunError('synthesis', errors.find((line) => line.startsWith('Error')) ?? errors[0] ?? 'no audio')
  }
}
