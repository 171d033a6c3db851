/** `mira doctor --protocol generalbots` against the fake General Bots server: its own login and keep-alive checked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeGeneralBotsServer } from '../fake-servers/generalbots/server'
import { doctorJson } from './doctor-json'

let bots: FakeGeneralBotsServer
beforeAll(async () => {
  bots = await FakeGeneralBotsServer.start({ token: 'gb-token' })
})
afterAll(() => bots.stop())

const doctor = (...args: string[]) => doctorJson(args)

describe('mira doctor --protocol generalbots', () => {
  it('passes the socket, the login and the ping, and says the bot has no REST API or voice', async () => {
    const pings = bots.framesWhere('type', 'ping').length
    const { code, report, checks } = await doctor('--protocol', 'generalbots', '--server', bots.url, '--token', 'gb-token')
    expect(code).toBe(0)
    expect(report.checks.map((c) => [c.name, c.state])).toEqual([
      ['config', 'pass'],
      ['url', 'pass'],
      ['tcp', 'pass'],
      ['websocket', 'pass'],
      ['authorize', 'pass'],
      ['ping', 'pass'],
      ['rest', 'skip'],
      ['tts', 'skip'],
    ])
    expect(checks.websocket?.detail).toBe('upgraded at /ws')
    expect(checks.authorize?.detail).toBe('token from --token accepted')
    expect(checks.ping?.detail).toMatch(/^ping answered with pong in \d+ ms$/)
    expect(checks.tts?.detail).toBe('not run: not part of the generalbots protocol')
    expect(bots.framesWhere('type', 'ping').length).toBe(pings + 1)
  })

  it('fails authorize with the bot’s words and the token hint for a refused token, and asks for one when there is none', async () => {
    const refused = await doctor('--protocol', 'generalbots', '--server', bots.url, '--token', 'nope')
    expect(refused.code).toBe(1)
    expect(refused.checks.authorize).toMatchObject({ state: 'fail', hint: 'Check the token in Settings or pass --token (or set MIRA_TOKEN).' })
    expect(refused.checks.authorize?.detail).toContain('Invalid or expired token')
    expect(refused.checks.ping?.state).toBe('skip')
    const missing = await doctor('--protocol', 'generalbots', '--server', bots.url)
    expect(missing.checks.authorize).toMatchObject({ state: 'fail', detail: 'No token set: enter the server token in settings' })
    expect(missing.checks.authorize?.hint).toContain('token')
  })

  it('fails the websocket check where no bot listens on the path', async () => {
    const { code, checks } = await doctor('--protocol', 'generalbots', '--server', bots.url.replace('/ws', '/elsewhere'), '--token', 'gb-token')
    expect(code).toBe(1)
    expect(checks.websocket?.state).toBe('fail')
    expect(checks.websocket?.detail).toContain('HTTP 404')
    expect(checks.authorize?.state).toBe('skip')
  })

})
