/**
 * espeak-ng runs, free of worker and DOM APIs (the worker and a Node test share it). The npm
 * `espeak-ng` package is the Emscripten build of the espeak-ng CLI. Building its module (a
 * WebAssembly instance and an in-memory file system of its voice data) costs far more than a
 * sentence, so a session builds it once, without running `main`, and keeps a copy of its memory
 * as it was then; each run puts that copy back (a fresh start for espeak-ng's globals and heap;
 * the voice data, which it only reads, is left in place)
 * and calls `main` with the job's arguments, as the companion's worker does
 * (src/server/tts/espeak). Text goes through a file, so a leading "-" is never read as an option.
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

interface EspeakFs {
  readFile(path: string): Uint8Array
  writeFile(path: string, data: string): void
  unlink(path: string): void
}

interface EspeakModule {
  FS: EspeakFs
}

interface EspeakExports {
  memory: WebAssembly.Memory
  /** Emscripten's table of embedded files: name, length, address per entry; a zero name ends it. */
  __emscripten_embedded_file_data?: WebAssembly.Global
  stackSave(): number
  stackRestore(pointer: number): void
  stackAlloc(size: number): number
  __main_argc_argv(argc: number, argv: number): number
}

interface EspeakOptions {
  noInitialRun: true
  instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): WebAssembly.Exports
  print(line: string): void
  printErr(line: string): void
}

export type EspeakFactory = (options: EspeakOptions) => Promise<EspeakModule>

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

/**
 * The span of the module's embedded files (the voice data, ~18 MB of its 32): espeak-ng only reads
 * them, so a run need not restore it. Without a usable table, an empty span: everything is restored.
 */
function embeddedFiles(exports: EspeakExports, memory: Uint8Array): [number, number] {
  const table = exports.__emscripten_embedded_file_data
  const words = new Uint32Array(memory.buffer)
  let from = Infinity
  let to = 0
  for (let at = (typeof table?.value === 'number' ? table.value : 0) >> 2; at > 0 && at + 2 < words.length && words[at] !== 0; at += 3) {
    from = Math.min(from, words[at + 2] as number)
    to = Math.max(to, (words[at + 2] as number) + (words[at + 1] as number))
  }
  return from < to && to <= memory.length ? [from, to] : [memory.length, memory.length]
}

const isExitStatus = (error: unknown): error is { name: 'ExitStatus'; status: number } =>
  typeof error === 'object' && error !== null && 'name' in error && error.name === 'ExitStatus'

/** One espeak-ng module, built once and run for job after job (one at a time). */
export class EspeakSession {
  private readonly encoder = new TextEncoder()

  private constructor(
    /** What espeak-ng prints on stderr during the current run (its reasons for failing). */
    private readonly lines: string[],
    private readonly module: EspeakModule,
    private readonly exports: EspeakExports,
    /** Memory as built, before and after the embedded files (which espeak-ng only reads), the latter from `skipTo`. */
    private readonly head: Uint8Array,
    private readonly tail: Uint8Array,
    private readonly skipTo: number,
    private readonly stack: number,
  ) {}

  static async create(factory: EspeakFactory, wasm: WebAssembly.Module): Promise<EspeakSession> {
    let exports: EspeakExports | undefined
    const lines: string[] = []
    const module = await factory({
      noInitialRun: true,
      instantiateWasm(imports, receive) {
        const instance = new WebAssembly.Instance(wasm, imports)
        exports = instance.exports as unknown as EspeakExports
        receive(instance, wasm)
        return instance.exports
      },
      print() {},
      printErr: (line) => void lines.push(String(line)),
    })
    if (!exports) throw new EspeakRunError('corrupt', 'espeak-ng did not instantiate its WebAssembly')
    const memory = new Uint8Array(exports.memory.buffer)
    const [from, to] = embeddedFiles(exports, memory)
    return new EspeakSession(lines, module, exports, memory.slice(0, from), memory.slice(to), to, exports.stackSave())
  }

  run(job: EspeakJob): Uint8Array {
    if (!ESPEAK_VOICE.test(job.voice)) throw new EspeakRunError('synthesis', `not a voice name: ${job.voice}`)
    const rate = String(Math.round(Math.min(450, Math.max(80, job.rate))))
    const pitch = String(Math.round(Math.min(99, Math.max(0, job.pitch))))
    const { FS } = this.module
    this.lines.length = 0
    FS.writeFile('/in.txt', job.text)
    try {
      FS.unlink('/out.wav')
    } catch {
      // Not there: the first run, or the last one failed.
    }
    const status = this.main(['-w', '/out.wav', '-v', job.voice, '-s', rate, '-p', pitch, '-f', '/in.txt'])
    if (status === 0) {
      try {
        return FS.readFile('/out.wav').slice()
      } catch {
        // No file: reported below.
      }
    }
    throw new EspeakRunError('synthesis', this.lines.find((line) => line.startsWith('Error')) ?? this.lines[0] ?? 'no audio')
  }

  /** Calls espeak-ng's `main` on a fresh copy of its memory; an `exit()` inside is only a throw. */
  private main(args: string[]): number {
    const { exports } = this
    const heap = new Uint8Array(exports.memory.buffer)
    heap.set(this.head)
    heap.set(this.tail, this.skipTo)
    // Memory grown by an earlier run: malloc hands it out again, as it would fresh memory.
    const end = this.skipTo + this.tail.length
    if (heap.length > end) heap.fill(0, end)
    exports.stackRestore(this.stack)
    const argv = ['espeak-ng', ...args].map((arg) => {
      const bytes = this.encoder.encode(`${arg}\0`)
      const at = exports.stackAlloc(bytes.length)
      new Uint8Array(exports.memory.buffer).set(bytes, at)
      return at
    })
    const table = exports.stackAlloc(4 * (argv.length + 1))
    new Uint32Array(exports.memory.buffer, table, argv.length + 1).set([...argv, 0])
    try {
      return exports.__main_argc_argv(argv.length, table)
    } catch (error) {
      if (isExitStatus(error)) return error.status
      throw error
    }
  }
}
