/** The settings form checked with the shared schemas: messages per field, and a patch of only what changed. */
import { describe, expect, it } from 'vitest'
import { HostError } from '../../../shared/host'
import { defaultSettings } from '../../../shared/settings'
import { checkForm, checkSecret, formFromSettings, hostErrorToFields, type SettingsForm } from './settings-form'

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
        serverUrl: expect.stringContaining('must start with ws://'),
        silenceTimeout: 'Must be at least 1 s',
        agentId: 'Must not be empty',
        historyLimit: 'Enter a number',
        displayName: 'At most 100 characters',
      },
    })
    expect(checkForm(form({ historyLimit: 201 }), current)).toEqual({ ok: false, errors: { historyLimit: 'Must be at most 200' } })
  })

  it('ignores the address of the custom server while the built-in one is chosen', () => {
    expect(checkForm(form({ serverMode: 'builtin', serverUrl: 'not a url at all' }), current)).toEqual({ ok: true, patch: {} })
  })

  it('asks for a model when an endpoint is set (a rule across fields)', () => {
    expect(checkForm(form({ llmBaseUrl: 'http://127.0.0.1:11434/v1' }), current)).toEqual({
      ok: false,
      errors: { llmModel: 'Name the model to use with this endpoint' },
    })
    expect(checkForm(form({ llmBaseUrl: 'http://127.0.0.1:11434/v1', llmModel: 'tiny' }), current)).toEqual({
      ok: true,
      patch: { companion: { llmBaseUrl: 'http://127.0.0.1:11434/v1', llmModel: 'tiny' } },
    })
    expect(checkForm(form({ llmBaseUrl: 'file:///etc' }), current)).toMatchObject({ ok: false, errors: { llmBaseUrl: expect.stringContaining('http://') } })
  })
})

describe('checkSecret and host errors', () => {
  it('uses the command schemas for secrets', () => {
    expect(checkSecret('token', 'abc')).toBeUndefined()
    expect(checkSecret('token', '   ')).toBe('Type the new value, or cancel the change')
    expect(checkSecret('apiKey', 'k'.repeat(5000))).toBe('At most 4096 characters')
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
