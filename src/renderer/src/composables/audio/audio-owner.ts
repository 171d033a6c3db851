/**
 * The renderer's one AudioContext: speech playback, lip sync, the microphone's level meter and
 * the voice-activity detector all live in its graph, so barge-in sees what Mira says and what the
 * user says on one clock. Created on first use (a context made before any user gesture may start
 * suspended); everyone asks here instead of making their own.
 */
let shared: AudioContext | undefined

export function audioContext(): AudioContext {
  shared ??= new AudioContext({ latencyHint: 'interactive' })
  return shared
}

/** Call from a user gesture: lets a suspended context run. */
export function resumeAudio(): void {
  const context = audioContext()
  if (context.state === 'suspended') void context.resume()
}
