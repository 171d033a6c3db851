/** `mira doctor --protocol symindx` against the SYMindX fake: each step in SYMindX's words, with the agents it lists. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeSymindxServer } from '../fake-servers/symindx/server'
import { doctorJson, type DoctorReport } from './doctor-json'

let server: FakeSymindxServer
beforeAll(async () => {
  server = await FakeSymindxServer.start({ agents: [{ id: 'nyx' }, { id: 'aria' }], token: 'secret', pingIntervalMs: 20 })
})
afterAll(() => server.stop())

const doctor = (...args: string[]) => doctorJson(['--protocol', 'symindx', ...args])
const check = (report: DoctorReport, name: string) => report.checks.find((c) => c.name === name)

describe('mira doctor --protocol symindx', () => {
  it('passes against a server that lets Mira in and has the agent, and lists the agents', async () => {
    const { code, report } = await doctor('--server', server.url, '--token', 'secret', '--agent', 'aria')
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
    expect(check(report, 'websocket')?.detail).toBe('upgraded at /ws')
    expect(check(report, 'authorize')?.detail).toBe('token from --token accepted; messages go to aria (agents: nyx, aria)')
    expect(check(report, 'ping')?.detail).toMatch(/^ping after \d+ ms answered with pong$/)
  })

  it('fails authorize for a refused token, and for an agent the server does not have (naming those it has)', async () => {
    const refused = await doctor('--server', server.url, '--token', 'wrong', '--agent', 'nyx')
    expect(refused.code).toBe(1)
    expect(check(refused.report, 'authorize')).toMatchObject({ state: 'fail', detail: 'the server refused the token: Authentication required' })
    expect(check(refused.report, 'authorize')?.hint).toContain('--token')
    const ghost = await doctor('--server', server.url.replace('/ws', ''), '--token', 'secret', '--agent', 'ghost')
    expect(ghost.code).toBe(1)
    expect(check(ghost.report, 'authorize')).toMatchObject({ state: 'fail', detail: expect.stringContaining('no agent “ghost”; agents: nyx, aria') })
    expect(check(ghost.report, 'authorize')?.hint).toContain('--agent')
  })

  it('fails tcp on a dead port, asking whether the server runs there', async () => {
    const { code, report } = await doctor('--server', 'ws://127.0.0.1:1/ws')
    expect(code).toBe(1)
    expect(check(report, 'tcp')).toMatchObject({ state: 'fail', hint: expect.stringContaining('address') })
    expect(check(report, 'websocket')?.state).toBe('skip')
  })
})

describe('mira doctor --protocol auto', () => {
  it('probes a /ws address, says it found SYMindX in the url check, and runs SYMindX’s checks', async () => {
    const { code, report } = await doctorJson(['--protocol', 'auto', '--server', server.url, '--token', 'secret', '--agent', 'nyx'])
    expect(code).toBe(0)
    expect(check(report, 'url')).toMatchObject({ state: 'pass', detail: `Automatic: found SYMindX at ${server.url}` })
    expect(check(report, 'authorize')?.detail).toContain('messages go to nyx')
  })

  it('fails the url check with the --protocol hint where nothing answers', async () => {
    const { code, report } = await doctorJson(['--server', 'ws://127.0.0.1:1/ws'])
    expect(code).toBe(1)
    expect(check(report, 'url')).toMatchObject({ state: 'fail', detail: expect.stringContaining('Automatic: could not reach ws://127.0.0.1:1/ws') })
    expect(check(report, 'tcp')?.state).toBe('skip')
  })
})
