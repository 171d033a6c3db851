/**
 * Words a store or a plain module hands to the screen without knowing the language: a message key
 * with its parameters (which may be words of their own), or text that is shown as it is (a
 * server's reason, an address). Components turn it into a string with their `t`.
 */
import type { MessageSchema } from '../i18n'

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>
}[keyof T & string]

export type MessageKey = Leaves<MessageSchema>

export type LocalText = { key: MessageKey; params?: Record<string, string | number | LocalText> } | { text: string }

export type Translate = (key: MessageKey, params: Record<string, string | number>) => string

/** The words of `value` in the language `t` speaks. */
export function say(t: Translate, value: LocalText): string {
  if ('text' in value) return value.text
  const params: Record<string, string | number> = {}
  for (const [name, param] of Object.entries(value.params ?? {})) params[name] = typeof param === 'object' ? say(t, param) : param
  return t(value.key, params)
}

/** A key with its parameters, for short calls: `key('chat.notice.notSent', { reason })`. */
export const key = (name: MessageKey, params?: Record<string, string | number | LocalText>): LocalText =>
  params ? { key: name, params } : { key: name }

export const raw = (text: string): LocalText => ({ text })
