/**
 * The chat's small picture of the character: the first letter of its name, on a colour of its
 * own (a hue from the name, so each character keeps one). Mira keeps her orb's colours.
 */
export interface CharacterBadge {
  initial: string
  /** 0–359, or undefined for Mira's own colours. */
  hue: number | undefined
}

export function characterBadge(name: string): CharacterBadge {
  const trimmed = name.trim() || 'Mira'
  // A whole character, not half of a surrogate pair (名, 🦊).
  const initial = (Array.from(trimmed)[0] ?? 'M').toLocaleUpperCase()
  if (trimmed === 'Mira') return { initial, hue: undefined }
  let hash = 0
  for (const char of trimmed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return { initial, hue: hash % 360 }
}
