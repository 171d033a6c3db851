/**
 * From the lip-sync signal (openness and the vowel's shape) to what each renderer needs: VRM's
 * five visemes, Live2D's mouth form. One blend for all, so every character says "o" alike.
 */
export const VISEMES = ['aa', 'ih', 'ou', 'ee', 'oh'] as const
export type Viseme = (typeof VISEMES)[number]

/** Along the vowel axis, from round to wide: ou · oh · aa · ee · ih. */
const AXIS: readonly Viseme[] = ['ou', 'oh', 'aa', 'ee', 'ih']

/** Viseme weights summing to `open`: the two nearest on the axis share it. */
export function visemeWeights(open: number, vowel: number): Record<Viseme, number> {
  const out: Record<Viseme, number> = { aa: 0, ih: 0, ou: 0, ee: 0, oh: 0 }
  const amount = Math.min(1, Math.max(0, open))
  if (amount === 0) return out
  const at = Math.min(1, Math.max(0, vowel)) * (AXIS.length - 1)
  const low = Math.floor(at)
  const high = Math.min(AXIS.length - 1, low + 1)
  const k = at - low
  out[AXIS[low] as Viseme] += amount * (1 - k)
  out[AXIS[high] as Viseme] += amount * k
  return out
}

/** Live2D's `ParamMouthForm`: -1 round … 1 wide (a smile). */
export const mouthForm = (vowel: number): number => Math.min(1, Math.max(-1, vowel * 2 - 1))
