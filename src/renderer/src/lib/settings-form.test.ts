/** The settings form checked with the shared schemas: messages per field, and a patch of only what changed. */
import { describe, expect, it } from 'vitest'
import { HostError } from '../../../shared/host'
import { defaultSettings } from '../../../shared/settings'
import { createAppI18n, messages } from '../i18n'
import { checkForm, checkSecret, formFromSettings, hostErrorToFields, type FormMessageKey, type SettingsForm } from './settings-form'

const current = defaultSettings()
const form = (changes: Partial<SettingsForm> = {}): SettingsForm => ({ ...formFromSettings(current), ...changes })

describe('checkForm', () => {
  it('finds nothing to send in an untouched form', () => {
    expect(checkForm(form(), current)).toEqual({ ok: true, patch: {} })
  })

  it('sends only the changed fields, normalized, with the timeout in milliseconds', () => {
    const result = checkForm(form({ serverMode: 'custom', serverUrl: ' 127.0.0.1:9000 ', silenceTimeout: '30', agentId: ' ada ', historyLimit: 20 }), current)
    expect(result).toEqual({
      ok: true,
      patch: {
        server: { mode: 'custom', url: 'ws://127.0.0.1:9000/v1/chat/stream', silenceTimeoutMs: 30_000 },
        agentId: 'ada',
        historyLimit: 20,
      },
    })
  })

  it('puts each problem on its field, in words', () => {
    const result = checkForm(
      form({ serverMode: 'custom', serverUrl: 'ftp://x', silenceTimeout: 0, agentId: '  ', historyLimit: '', displayName: 'x'.repeat(101) }),
      current,
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        serverUrl: { key: 'urlScheme', params: { value: 'ftp://x' } },
        silenceTimeout: { key: 'minSeconds', params: { min: 1 } },
        agentId: { key: 'empty' },
        historyLimit: { key: 'number' },
        displayName: { key: 'maxChars', params: { max: 100 } },
      },
    })
    expect(checkForm(form({ historyLimit: 201 }), current)).toEqual({ ok: false, errors: { historyLimit: { key: 'max', params: { max: 200 } } } })
    expect(checkForm(form({ silenceTimeout: 601 }), current)).toEqual({ ok: false, errors: { silenceTimeout: { key: 'maxSeconds', params: { max: 600 } } } })
    expect(checkForm(form({ startTimeout: 2 }), current)).toEqual({ ok: false, errors: { startTimeout: { key: 'minSeconds', params: { min: 5 } } } })
    expect(checkForm(form({ startTimeout: 90 }), current)).toEqual({ ok: true, patch: { server: { startTimeoutMs: 90_000 } } })
    expect(checkForm(form({ ttsRate: 10, ttsVoice: 'en us' }), current)).toEqual({
      ok: false,
      errors: { ttsRate: { key: 'min', params: { min: 80 } }, ttsVoice: { key: 'voiceName' } },
    })
  })

  it('names what is wrong with a server address', () => {
    const address = (serverUrl: string) => checkForm(form({ serverMode: 'custom', serverUrl }), current)
    expect(address('  ')).toEqual({ ok: false, errors: { serverUrl: { key: 'urlEmpty' } } })
    expect(address('ws://a b')).toEqual({ ok: false, errors: { serverUrl: { key: 'urlInvalid', params: { value: 'ws://a b' } } } })
    expect(address('ws://me:pw@host:1')).toEqual({ ok: false, errors: { serverUrl: { key: 'urlCredentials' } } })
  })

  it('ignores the address of the custom server while the built-in one is chosen', () => {
    expect(checkForm(form({ serverMode: 'builtin', serverUrl: 'not a url at all' }), current)).toEqual({ ok: true, patch: {} })
  })

  it('asks for a model when an endpoint is set (a rule across fields)', () => {
    expect(checkForm(form({ llmBaseUrl: 'http://127.0.0.1:11434/v1' }), current)).toEqual({
      ok: false,
      errors: { llmModel: { key: 'modelNeeded' } },
    })
    expect(checkForm(form({ llmBaseUrl: 'http://127.0.0.1:11434/v1', llmModel: 'tiny' }), current)).toEqual({
      ok: true,
      patch: { companion: { llmBaseUrl: 'http://127.0.0.1:11434/v1', llmModel: 'tiny' } },
    })
    expect(checkForm(form({ llmBaseUrl: 'file:///etc' }), current)).toMatchObject({ ok: false, errors: { llmBaseUrl: { key: 'httpUrl' } } })
  })
})

describe('checkSecret and host errors', () => {
  it('uses the command schemas for secrets', () => {
    expect(checkSecret('token', 'abc')).toBeUndefined()
    expect(checkSecret('token', '   ')).toEqual({ key: 'secretEmpty' })
    expect(checkSecret('apiKey', 'k'.repeat(5000))).toEqual({ key: 'maxChars', params: { max: 4096 } })
  })

  it('puts a host refusal on the field it names, anything else on the form', () => {
    expect(hostErrorToFields(new HostError('invalid-request', 'Invalid settings: companion.llmModel: Name the model'))).toEqual({
      field: 'llmModel',
      message: 'Name the model',
    })
    expect(hostErrorToFields(new HostError('invalid-request', 'Invalid settings: server.url: Bad'))).toEqual({ field: 'serverUrl', message: 'Bad' })
    expect(hostErrorToFields(new HostError('timeout', 'The host did not answer'))).toEqual({ message: 'The host did not answer' })
  })
})

describe('messages', () => {
  it('has words in every language for every message the form gives', () => {
    const keys: FormMessageKey[] = ['number', 'min', 'max', 'minSeconds', 'maxSeconds', 'maxChars', 'empty', 'choose', 'httpUrl', 'voiceName', 'modelNeeded']
    keys.push('urlEmpty', 'urlInvalid', 'urlScheme', 'urlCredentials', 'secretEmpty', 'other')
    for (const locale of ['en', 'ja', 'ko'] as const) expect(Object.keys(messages[locale].settings.errors).sort()).toEqual([...keys].sort())
    const i18n = createAppI18n('ja')
    expect(i18n.global.t('settings.errors.minSeconds', { min: 1 })).toBe('1 秒以上にしてください')
  })
})
