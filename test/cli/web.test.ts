/** `mira web` end to end: core + web host in a child process, connected to the fake agent server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeAgentServer } from '../support/fake-agent-server'
import { startCli, tempDir } from './cli-process'

let server: FakeAgentServer

beforeAll(async () => {
  server = await FakeAgentServer.start({ token: 'web-token' })
})

afterAll(async () => {
  await server.stop()
})

describe('mira web', () => {
  // May build the renderer first (out/renderer missing or stale): allow for that.
  it('prints its address, serves the app, connects to --server with --token, and exits 0 on SIGTERM', { timeout: 180_000 }, async () => {
    const run = startCli(['web', '--no-open', '--port', '0', '--server', server.url, '--token', 'web-token', '--data-dir', tempDir()], {
      killAfterMs: 170_000,
    })
    const [, address] = await run.waitForStdout(/^Mira is running at (http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]+)\n/)
    const page = await fetch(address ?? '')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toContain('<div id="app">')
    await server.waitForFrame((f) => f.type === 'authorize' && f.token === 'web-token', 120_000)
    run.child.kill('SIGTERM')
    const result = await run.done
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1)
  })
})
