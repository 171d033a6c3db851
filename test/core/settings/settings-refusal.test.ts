/** A settings update the schema refuses: the kinds of issue the renderer can word get their own code. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HostError } from '../../../src/shared/host/commands'
import type { SettingsUpdate } from '../../../src/main/core/settings/settings-store'
import { SettingsStore } from '../../../src/main/core/settings/settings-store'

let dir: string
let store: SettingsStore

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-refusal-'))
  store = await SettingsStore.open(join(dir, 'settings.json'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function refusal(patch: unknown): Promise<HostError> {
  const error: unknown = await store.update(patch as SettingsUpdate).catch((e: unknown) => e)
  if (!(error instanceof HostError)) throw new Error(`expected a HostError, got ${String(error)}`)
  return error
}

describe('settings refusals', () => {
  it.each([
    [{ historyLimit: 0 }, 'settingsTooSmall', { path: 'historyLimit', min: 1 }],
    [{ server: { silenceTimeoutMs: 900_000 } }, 'settingsTooBig', { path: 'server.silenceTimeoutMs', max: 600_000 }],
    [{ displayName: 'x'.repeat(101) }, 'settingsTooLong', { path: 'displayName', max: 100 }],
    [{ agentId: '   ' }, 'settingsEmpty', { path: 'agentId' }],
    [{ historyLimit: 'ten' }, 'settingsNotNumber', { path: 'historyLimit' }],
    [{ theme: 'pink' }, 'settingsNotAChoice', { path: 'theme' }],
    [{ companion: { llmBaseUrl: 'http://127.0.0.1:11434/v1' } }, 'settingsModelNeeded', { path: 'companion.llmModel' }],
  ])('%j → %s, with the path and the bound; the English text as before', async (patch, textCode, params) => {
    const error = await refusal(patch)
    expect(error).toMatchObject({ code: 'invalid-request', textCode, params })
    const detail = error.params?.detail
    expect(typeof detail).toBe('string')
    expect(error.message).toBe(`Invalid settings: ${params.path}: ${String(detail)}`)
  })

  it('any other issue keeps the schema’s English words as its detail', async () => {
    const error = await refusal({ server: { url: 'ftp://x' } })
    expect(error.textCode).toBe('settingsInvalid')
    expect(error.message).toMatch(/^Invalid settings: server\.url: .*ws:\/\//)
    expect(error.params).toEqual({ detail: error.message.replace('Invalid settings: ', '') })
    expect((await refusal({ nonsense: true })).textCode).toBe('settingsInvalid')
  })
})
