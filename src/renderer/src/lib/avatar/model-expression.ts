/**
 * A built-in expression → the model's own (a VRM expression name, a Live2D expression name or
 * index), through the character's `emotionMap`: its entry for the expression itself, else for
 * any emotion word that means it (`joy: 3` serves `happy`).
 */
import { DEFAULT_EMOTION_MAP, type Expression } from './emotions'

export function modelExpression(expression: Expression, map: Readonly<Record<string, string | number>>): string | number | undefined {
  if (map[expression] !== undefined) return map[expression]
  for (const [word, value] of Object.entries(map)) if (DEFAULT_EMOTION_MAP[word] === expression) return value
  return undefined
}
