/** The CLI sends the saved token only to the server it was saved for, as the app does. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseServer, loadCliConfig } from '../../src/cli/config'
import { tempDir } from './cli-process'
import { memoryIo } from './memory-io'

function appFiles(url: string, secrets: Record<string, string>): string {
  const dataDir = tempDir()
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, server: { mode: 'custom', url } }))
  writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ version: 1, encoding: 'plain', secrets }), { mode: 0o600 })
  return dataDir
}

async function choice(dataDir: string, env: NodeJS.ProcessEnv = {}, flags = {}) {
  const io = memoryIo({ env: { MIRA_DATA_DIR: dataDir, ...env } })
  return chooseServer(await loadCliConfig(io), io.env, flags)
}

describe('chooseServer and the saved token', () => {
  it('sends it to the server it was saved for, on any path there', async () => {
    const dataDir = appFiles('ws://127.0.0.1:5500/other/path', { 'server-token': 'secret', 'server-token-origin': 'ws://127.0.0.1:5500' })
    expect(await choice(dataDir)).toMatchObject({ token: 'secret', tokenSource: 'the settings' })
  })

  it('does not send it to a saved address on another server', async () => {
    const dataDir = appFiles('ws://attacker.example:5500/v1/chat/stream', { 'server-token': 'secret', 'server-token-origin': 'ws://127.0.0.1:5500' })
    const chosen = await choice(dataDir)
    expect(chosen.url).toBe('ws://attacker.example:5500/v1/chat/stream')
    expect(chosen).not.toHaveProperty('token')
  })

  it('treats a token saved before tokens were bound as the saved address’s', async () => {
    const dataDir = appFiles('ws://127.0.0.1:5500/v1/chat/stream', { 'server-token': 'secret' })
    expect(await choice(dataDir)).toMatchObject({ token: 'secret' })
  })

  it('lets a server named on the command line use it: that is the user’s own choice', async () => {
    const dataDir = appFiles('ws://127.0.0.1:5500/v1/chat/stream', { 'server-token': 'secret', 'server-token-origin': 'ws://127.0.0.1:5500' })
    expect(await choice(dataDir, { MIRA_SERVER: 'ws://10.0.0.2:7000' })).toMatchObject({ token: 'secret' })
    expect(await choice(dataDir, {}, { server: 'ws://10.0.0.2:7000', token: 'typed' })).toMatchObject({ token: 'typed', tokenSource: '--token' })
  })
})

describe('chooseServer and a local `mira serve`', () => {
  function withLocalServer(url: string, secrets: Record<string, string> = {}): string {
    const dataDir = appFiles('ws://127.0.0.1:5500/v1/chat/stream', secrets)
    mkdirSync(join(dataDir, 'companion'))
    writeFileSync(join(dataDir, 'companion', 'serve.json'), JSON.stringify({ url, token: 'local-token' }), { mode: 0o600 })
    return dataDir
  }

  it('uses its token for its port on any loopback name, when no token is given or saved', async () => {
    const dataDir = withLocalServer('ws://127.0.0.1:5500/v1/chat/stream')
    expect(await choice(dataDir)).toMatchObject({ token: 'local-token', tokenSource: 'the local `mira serve`' })
    expect(await choice(dataDir, { MIRA_SERVER: 'localhost:5500' })).toMatchObject({ token: 'local-token' })
  })

  it('never sends it to another port or host, and lets a given or saved token win', async () => {
    const dataDir = withLocalServer('ws://127.0.0.1:5500/v1/chat/stream')
    expect(await choice(dataDir, { MIRA_SERVER: '127.0.0.1:5501' })).not.toHaveProperty('token')
    expect(await choice(dataDir, { MIRA_SERVER: 'ws://192.168.1.20:5500' })).not.toHaveProperty('token')
    expect(await choice(dataDir, { MIRA_TOKEN: 'typed' })).toMatchObject({ token: 'typed' })
    const saved = withLocalServer('ws://127.0.0.1:5500/v1/chat/stream', { 'server-token': 'saved', 'server-token-origin': 'ws://127.0.0.1:5500' })
    expect(await choice(saved)).toMatchObject({ token: 'saved', tokenSource: 'the settings' })
  })
})
