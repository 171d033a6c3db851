import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()

/** Constant-time key check; hashing first makes the lengths equal, so the length leaks nothing either. */
export function keyMatches(given: string | null | undefined, key: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  return timingSafeEqual(digest(given), digest(key))
}
