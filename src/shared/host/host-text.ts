/**
 * Words the host writes for people (notices, link reasons, command errors) travel with a stable
 * `textCode` and its `params`, so the renderer can say them in the reader's language; the English
 * text stays beside them, for logs, the CLI, and any code the renderer does not know.
 */
import { z } from 'zod'

export const hostTextCodeSchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/).max(60)
export const hostTextParamsSchema = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/).max(40), z.union([z.string().max(2_000), z.number()]))
export type HostTextParams = z.infer<typeof hostTextParamsSchema>

/** One message of the host: what it is (`textCode`, `params`) and its English words. */
export interface HostText {
  text: string
  textCode?: string
  params?: HostTextParams
}

/** `{ text, textCode, params }` without undefined keys (an event carries only what it has). */
export function hostText(text: string, textCode: string, params?: HostTextParams): HostText & { textCode: string } {
  return params ? { text, textCode, params } : { text, textCode }
}
