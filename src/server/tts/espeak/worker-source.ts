/**
 * The espeak-ng worker, as plain JavaScript run with `new Worker(source, { eval: true })`: it
 * needs no file of its own, so it works the same under tsx, vitest and a bundled app.
 *
 * The npm `espeak-ng` package is the Emscripten build of the espeak-ng CLI: each run instantiates
 * the module with CLI arguments and reads the WAV back from its in-memory file system. The WASM is
 * compiled once per worker and every run only instantiates it (~0.1 s instead of ~0.3 s).
 * Text goes through a file (`-f`), so text starting with "-" is never read as an option.
 */
export const ESPEAK_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const { readFileSync } = require('node:fs')

let loaded
function load() {
  loaded ??= (async () => {
    const { default: ESpeakNg } = await import(workerData.moduleUrl)
    const wasm = await WebAssembly.compile(readFileSync(workerData.wasmPath))
    return { ESpeakNg, wasm }
  })()
  return loaded
}

async function synthesize(job) {
  const { ESpeakNg, wasm } = await load()
  const errors = []
  const espeak = await ESpeakNg({
    arguments: ['-w', '/out.wav', '-v', job.voice, '-s', String(job.rate), '-p', String(job.pitch), '-f', '/in.txt'],
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
    throw new Error(errors.find((line) => line.startsWith('Error')) || errors[0] || 'espeak-ng produced no audio')
  }
}

let queue = Promise.resolve()
parentPort.on('message', (job) => {
  queue = queue.then(async () => {
    try {
      const wav = await synthesize(job)
      parentPort.postMessage({ id: job.id, wav }, [wav.buffer])
    } catch (error) {
      parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) })
    }
  })
})
`
