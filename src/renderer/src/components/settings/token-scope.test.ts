import { describe, expect, it } from 'vitest'
import { defaultSettings, type SettingsView } from '../../../../shared/settings'
import { tokenScope } from './token-scope'

const SAVED_URL = 'ws://127.0.0.1:5500/v1/chat/stream'

function viewOf(extra: Partial<SettingsView>): SettingsView {
  const settings = defaultSettings()
  settings.server = { ...settings.server, mode: 'custom', url: SAVED_URL }
  return { settings, hasToken: false, hasCompanionApiKey: false, ...extra }
}

describe('tokenScope', () => {
  const bound = viewOf({ hasToken: true, tokenOrigin: 'ws://127.0.0.1:5500' })

  it('keeps the saved token for the same server, whatever the path or spelling', () => {
    expect(tokenScope(bound, SAVED_URL)).toEqual({ saved: true })
    expect(tokenScope(bound, 'http://127.0.0.1:5500/other/path')).toEqual({ saved: true })
    expect(tokenScope(bound, '127.0.0.1:5500')).toEqual({ saved: true })
  })

  it('says whose the token is when the address names another server', () => {
    const other = { saved: false, belongsTo: 'ws://127.0.0.1:5500' }
    expect(tokenScope(bound, 'ws://127.0.0.1:5501')).toEqual(other)
    expect(tokenScope(bound, 'wss://127.0.0.1:5500')).toEqual(other)
    expect(tokenScope(bound, 'ws://localhost:5500')).toEqual(other)
  })

  it('lets the saved address decide while the typed one is not an address yet', () => {
    expect(tokenScope(bound, 'ftp://x')).toEqual({ saved: true })
  })

  it('applies again when the address goes back to the token’s server', () => {
    const moved = viewOf({ hasToken: false, tokenOrigin: 'ws://127.0.0.1:5500' })
    moved.settings.server.url = 'ws://127.0.0.1:6600/v1/chat/stream'
    expect(tokenScope(moved, moved.settings.server.url)).toEqual({ saved: false, belongsTo: 'ws://127.0.0.1:5500' })
    expect(tokenScope(moved, 'ws://127.0.0.1:5500')).toEqual({ saved: true })
  })

  it('follows hasToken when no server is recorded (none saved, or MIRA_TOKEN)', () => {
    expect(tokenScope(viewOf({ hasToken: true }), 'ws://elsewhere:1')).toEqual({ saved: true })
    expect(tokenScope(viewOf({ hasToken: false }), SAVED_URL)).toEqual({ saved: false })
    expect(tokenScope(undefined, SAVED_URL)).toEqual({ saved: false })
  })
})
