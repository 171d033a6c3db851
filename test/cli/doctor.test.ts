/** `mira doctor` end to end against the fake agent server and a dead port. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeAgentServer } from '../support/fake-agent-server'
import { deadPort, runCli } from './cli-process'

const TOKEN = 'doctor-secret'
/** How the table shows a duration. */
const TIME = '(?:\\d+ ms|\\d+\\.\\d s)'
const CHECKS = ['config', 'url', 'tcp', 'websocket', 'authorize', 'ping', 'rest', 'tts']

interface JsonReport {
  ok: boolean
  server: string
  checks: { name: string; state: string; detail: string; hint?: string; ms?: number }[]
}

let server: FakeAgentServer

beforeAll(async () => {
  // Pings well within the doctor's 3 s wait, so the ping check passes instead of being skipped.
  server = await FakeAgentServer.start({ token: TOKEN, pingIntervalMs: 200 })
})

afterAll(async () => {
  await server.stop()
})

// One `mira` process at a time: children started together compete for the CPU.
describe('mira doctor', { timeout: 60_000 }, () => {
  it('passes every check against a working server and prints the table', async () => {
    const result = await runCli(['doctor', '--server', server.url, '--token', TOKEN])
    expect(result.code).toBe(0)
    const rows = result.stdout.split('\n')
    for (const name of CHECKS) expect(rows.some((row) => new RegExp(`^${name}\\s+pass\\s+${TIME}`).test(row))).toBe(true)
    expect(result.stdout).toMatch(/tts\s+pass.*WAV, 16000 Hz, mono, 16-bit/)
    expect(result.stdout).toContain('All checks passed.')
    expect(server.framesOfType('pong').length).toBeGreaterThan(0)
  })

  it('--json reports the same checks as one document', async () => {
    const result = await runCli(['doctor', '--server', server.url, '--token', TOKEN, '--json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as JsonReport
    expect(report.ok).toBe(true)
    expect(report.server).toBe(server.url)
    expect(report.checks.map((c) => c.name)).toEqual(CHECKS)
    expect(report.checks.every((c) => c.state === 'pass' && typeof c.ms === 'number')).toBe(true)
  })

  it('fails at tcp on a dead port, with the hint, and skips what depends on it', async () => {
    const port = await deadPort()
    const result = await runCli(['doctor', '--server', `127.0.0.1:${port}`, '--token', TOKEN])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(new RegExp(`tcp\\s+fail\\s+${TIME}\\s+cannot reach 127\\.0\\.0\\.1:${port} \\(connection refused\\)`))
    expect(result.stdout).toContain('hint: Is the server running? Start the built-in one with `npx mira serve`.')
    for (const name of ['websocket', 'authorize', 'ping', 'rest', 'tts']) expect(result.stdout).toMatch(new RegExp(`${name}\\s+skip\\s+-\\s+not run`))
    expect(result.stdout).toContain('1 check failed.')
  })

  it('fails authorize with a token hint when the token is wrong, still checking REST', async () => {
    const result = await runCli(['doctor', '--server', server.url, '--token', 'wrong', '--json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as JsonReport
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]))
    expect(byName.authorize).toMatchObject({ state: 'fail', detail: 'the server refused the token: Invalid authentication token' })
    expect(byName.authorize?.hint).toMatch(/Check the token in Settings or pass --token/)
    expect(byName.ping?.state).toBe('skip')
    expect(byName.rest?.state).toBe('pass')
  })
})
