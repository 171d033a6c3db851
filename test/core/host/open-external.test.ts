/** `openExternal`: only http(s) and mailto links leave the app; web mode leaves the opening to the page. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { HostError } from '../../../src/shared/host'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startCore(openExternal?: (url: string) => Promise<void>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-open-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  // A server nobody answers on: the link stays down, which this command does not need.
  const core = await createMiraCore({
    dataDir,
    transport: 'web',
    overrides: { serverUrl: 'ws://127.0.0.1:9/v1/chat/stream', token: 't' },
    log: () => {},
    ...(openExternal ? { openExternal } : {}),
  })
  cleanups.push(() => core.close())
  return core
}

const REFUSED = ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi', 'mira://settings', 'https://user:pw@example.com/', '/relative', 'not a url']

describe('openExternal', () => {
  it('hands http(s) and mailto links to the shell, normalized', async () => {
    const opened: string[] = []
    const core = await startCore(async (url) => void opened.push(url))
    expect(await core.handlers.openExternal({ url: 'https://example.com/guide?q=1' })).toEqual({ opened: true })
    expect(await core.handlers.openExternal({ url: 'HTTP://Example.com' })).toEqual({ opened: true })
    expect(await core.handlers.openExternal({ url: 'mailto:mira@example.com' })).toEqual({ opened: true })
    expect(opened).toEqual(['https://example.com/guide?q=1', 'http://example.com/', 'mailto:mira@example.com'])
  })

  it('refuses every other address with a clear HostError, before and behind the schema', async () => {
    const opened: string[] = []
    const core = await startCore(async (url) => void opened.push(url))
    for (const url of REFUSED) {
      const handled = core.handlers.openExternal({ url })
      await expect(handled).rejects.toBeInstanceOf(HostError)
      await expect(handled).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('http:, https: and mailto:') })
      expect(await dispatchCommand(core.handlers, 'openExternal', { url })).toEqual({
        ok: false,
        error: { code: 'invalid-request', message: 'openExternal: url: Only http:, https: and mailto: links can be opened' },
      })
    }
    expect(opened).toEqual([])
  })

  it('answers `opened: false` where the host has no browser of its own (web mode)', async () => {
    const core = await startCore()
    expect(await dispatchCommand(core.handlers, 'openExternal', { url: 'https://example.com/' })).toEqual({ ok: true, response: { opened: false } })
  })
})
