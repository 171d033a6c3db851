/** Why the microphone could not be opened (or stopped), from what `getUserMedia` threw or the track did. */
export type MicProblem = 'denied' | 'no-device' | 'busy' | 'unplugged' | 'unsupported' | 'insecure' | 'failed'

export function micProblemOf(error: unknown): MicProblem {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'denied'
    case 'SecurityError':
      return 'insecure'
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-device'
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy'
    case 'TypeError':
      return 'unsupported'
    default:
      return 'failed'
  }
}
