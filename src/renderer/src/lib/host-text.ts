/**
 * The host's words in the reader's language. The host sends `{ text, textCode, params }` (notices,
 * link reasons, command errors): a code this renderer knows becomes its `host.texts.*` message;
 * an unknown code, no code, or a param the message needs but did not get, leaves the host's English
 * text as it is — nothing is ever lost. A server's own words only ever arrive as params.
 */
import { messageOf } from '../../../shared/errors'
import { HostError, type HostText } from '../../../shared/host'
import { host } from '../i18n/messages/host'
import { key, raw, type LocalText } from './local-text'

type TextCode = keyof typeof host.en.texts
type Values = typeof host.en.values

const isTextCode = (code: string | undefined): code is TextCode => code !== undefined && Object.hasOwn(host.en.texts, code)

/** The placeholders of a message (`{host}`, `{seconds}`). */
const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')

/** Every param a code's message uses in any language (Japanese may name a bound English leaves in the detail). */
const paramsOf = (code: TextCode): Set<string> =>
  new Set([host.en, host.ja, host.ko].flatMap((language) => placeholders(language.texts[code])))

const isValue = <G extends keyof Values>(group: G, word: string): word is keyof Values[G] & string => Object.hasOwn(host.en.values[group], word)

/** A param worded by `host.values` when it names a known value (an errno code, a close name, a message state). */
function valueText(name: string, value: string | number): string | number | LocalText {
  const word = String(value)
  if (name === 'cause' && isValue('cause', word)) return key(`host.values.cause.${word}`)
  if (name === 'close' && isValue('close', word)) return key(`host.values.close.${word}`)
  if (name === 'state' && isValue('state', word)) return key(`host.values.state.${word}`)
  if (name === 'source' && isValue('source', word)) return key(`host.values.source.${word}`)
  return value
}

/** The words of a host message, for `say()` / `useSay()`. */
export function hostText({ text, textCode, params = {} }: HostText): LocalText {
  if (!isTextCode(textCode)) return raw(text)
  const names = paramsOf(textCode)
  const words: Record<string, string | number | LocalText> = {}
  for (const name of names) {
    const value = params[name]
    if (value === undefined) return raw(text)
    words[name] = valueText(name, value)
  }
  const said = key(`host.texts.${textCode}`, words)
  const suppressed = params.suppressed
  return typeof suppressed === 'number' && suppressed > 0 ? key('host.withSuppressed', { text: said, count: suppressed }) : said
}

/** A failed command's message: worded by its text code when it has one, else its message as it is. */
export function hostErrorText(error: unknown): LocalText {
  if (error instanceof HostError) return hostText({ text: error.message, textCode: error.textCode, params: error.params })
  return raw(messageOf(error))
}
