/**
 * The host's English and the renderer's English for the same text code must say the same thing:
 * an English reader sees no difference whether the renderer knows a code or falls back to the text.
 */
import { describe, expect, it } from 'vitest'
import { badFrameText } from '../../src/main/core/session/notice-texts'
import { closeReason, socketErrorReason } from '../../src/main/core/link/reasons'
import type { HostText } from '../../src/shared/host'
import { parseServerFrame } from '../../src/shared/protocol'
import { errorText as lexiconErrorText } from '../../src/main/core/protocols/lexicon-frames'
import { lexiconProtocol } from '../../src/main/core/protocols/lexicon'

/**
 * The renderer's own modules, loaded at run time: this (Node) project does not type-check renderer
 * sources, so they come in by a path the compiler does not follow, with just the types used here.
 */
type Words = { key: string; params?: Record<string, unknown> } | { text: string }
interface RendererModules {
  i18n: { createAppI18n(locale: 'en'): { global: { t(key: string, params: Record<string, unknown>): string } } }
  hostText: { hostText(value: HostText): Words }
  localText: { say(t: (key: string, params: Record<string, unknown>) => string, value: Words): string }
}
const load = (path: string): Promise<unknown> => import(`../../src/renderer/src/${path}`)
const renderer = {
  i18n: (await load('i18n/index.ts')) as RendererModules['i18n'],
  hostText: (await load('lib/host-text.ts')) as RendererModules['hostText'],
  localText: (await load('lib/local-text.ts')) as RendererModules['localText'],
}
const hostText = (value: HostText): Words => renderer.hostText.hostText(value)
const { t } = renderer.i18n.createAppI18n('en').global
const english = (value: HostText): string => renderer.localText.say((name, params) => t(name, params), hostText(value))
const errno = (code: string): Error => Object.assign(new Error(`connect ${code}`), { code })

describe('host texts in English', () => {
  it('word link reasons exactly as the host does', () => {
    const reasons = [
      ...['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ECONNRESET', 'EPIPE', 'ECONNABORTED'].map((code) =>
        socketErrorReason('h:1', errno(code)),
      ),
      socketErrorReason('h:1', new Error('Unexpected server response: 404')),
      socketErrorReason('h:1', new Error('self-signed certificate')),
      socketErrorReason('h:1', new Error('something else')),
      ...[1000, 1001, 1011, 1012, 1013, 4000, 4999].map((code) => closeReason('h:1', code, '')),
      closeReason('h:1', 1001, 'Bye now'),
      closeReason('h:1', 1006, ''),
      closeReason('h:1', 1006, '', new Error('read ECONNRESET')),
    ]
    for (const reason of reasons) {
      expect(hostText(reason), reason.text).toHaveProperty('key')
      expect(english(reason)).toBe(reason.text)
    }
  })

  it('word every kind of bad frame exactly as the host does', () => {
    const raws = ['not json', '[1]', '{"x":1}', '{"type":"mystery"}', '{"type":"stream_start"}']
    const bads = raws.map((raw) => parseServerFrame(raw)).flatMap((parsed) => (parsed.ok ? [] : [parsed.bad]))
    bads.push(...[parseServerFrame(new Uint8Array([1]), true)].flatMap((parsed) => (parsed.ok ? [] : [parsed.bad])))
    expect(bads.map((b) => b.reason).sort()).toEqual(['binary', 'invalid', 'missing-type', 'not-json', 'not-object', 'unknown-type'])
    for (const bad of bads) {
      const notice = badFrameText(bad)
      expect(hostText(notice)).toHaveProperty('key')
      expect(english(notice)).toBe(notice.text)
    }
  })

  it('word Lexicon’s error codes (with the server’s fix) and its missing credentials exactly as the host does', () => {
    const texts = [
      ...['AUTH_ERROR', 'CHAT_NOT_FOUND', 'RATE_LIMIT_EXCEEDED', 'INVALID_MESSAGE'].map((code) => lexiconErrorText(code, 'Why', 'Do this')),
      lexiconErrorText('AUTH_ERROR', 'Why', undefined),
      lexiconErrorText('SOMETHING_ELSE', 'Why', 'Do this'),
      lexiconProtocol().handshake({ userId: 'u' }),
      lexiconProtocol().handshake({ apiKey: 'k' }),
    ].map((value) => ('kind' in value ? (value as { reason: HostText }).reason : value))
    for (const text of texts) {
      expect(hostText(text), text.text).toHaveProperty('key')
      expect(english(text)).toBe(text.text)
    }
  })
})
