/** The npm `espeak-ng` package ships no types: its default export is the Emscripten module factory (see espeak-run.ts). */
declare module 'espeak-ng' {
  const ESpeakNg: (options: object) => Promise<unknown>
  export default ESpeakNg
}
