/** `mira doctor`: walk the path from the settings file to spoken audio, and say where it breaks. */
import { textFlag, UsageError } from '../args'
import { defineCommand } from '../command'
import { chooseServer, loadCliConfig, type ServerChoice } from '../config'
import { fail, notRun, pass, stamp, timed, type CheckResult } from '../doctor/check'
import { checkAuthorize, checkConfig, checkPing, checkRest, checkTcp, checkTts, checkUpgrade, PING_WAIT_MS } from '../doctor/checks'
import { renderJson, renderTable } from '../doctor/report'
import { WsProbe } from '../doctor/ws-probe'
import { ExitCode } from '../exit-codes'

const options = {
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
} as const

const synopsis = 'mira doctor [--server URL] [--token T] [--json]'

const help = `Check the connection to the agent server step by step, and say what to fix.

Usage: ${synopsis}

Checks, in order: config (the settings file), url, tcp (connect to host:port), websocket (upgrade on
the chat path), authorize (the token), ping (answered if the server pings within ${PING_WAIT_MS / 1000} s; else
skipped), rest (GET /v1/health), tts (POST /v1/tts/synthesize returns audio).

Options:
  --server URL   server to check (default: MIRA_SERVER, then the settings)
  --token T      token to use (default: MIRA_TOKEN, then the settings)
  --json         print the results as one JSON document
  -h, --help     show this help

Exit codes: 0 every check passed or was skipped · 1 a check failed · 64 usage.
`

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'check the connection to the server and explain failures',
  synopsis,
  help,
  options,
  allowPositionals: false,
  async run({ values }, io) {
    const token = textFlag('token', values.token)
    const checks: CheckResult[] = []
    let started = performance.now()
    const config = await loadCliConfig(io)
    checks.push(stamp('config', checkConfig(config), started))
    started = performance.now()
    let server: ServerChoice | undefined
    try {
      server = chooseServer(config, io.env, { server: values.server, token })
      checks.push(stamp('url', pass(server.url), started))
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      checks.push(stamp('url', fail(error.message, 'Use ws://host:port/v1/chat/stream (or host:port).'), started))
    }
    if (server) checks.push(...(await connectionChecks(server)))
    else for (const name of ['tcp', 'websocket', 'authorize', 'ping', 'rest', 'tts']) checks.push(notRun(name, 'no valid server address'))
    io.stdout.write(values.json ? renderJson(server?.url, checks) : renderTable(server?.url, checks))
    return checks.some((c) => c.state === 'fail') ? ExitCode.failure : ExitCode.ok
  },
})

async function connectionChecks({ url, token, tokenSource }: ServerChoice): Promise<CheckResult[]> {
  const tcp = await timed('tcp', () => checkTcp(url))
  if (tcp.state === 'fail') {
    return [tcp, ...['websocket', 'authorize', 'ping', 'rest', 'tts'].map((name) => notRun(name, 'no TCP connection'))]
  }
  const results: CheckResult[] = [tcp]
  const probe = new WsProbe()
  try {
    const upgrade = await timed('websocket', () => checkUpgrade(probe, url))
    results.push(upgrade)
    if (upgrade.state === 'fail') {
      results.push(notRun('authorize', 'no WebSocket'), notRun('ping', 'no WebSocket'))
    } else {
      const authorize = await timed('authorize', () => checkAuthorize(probe, token, tokenSource))
      results.push(authorize)
      results.push(authorize.state === 'fail' ? notRun('ping', 'not authorized') : await timed('ping', () => checkPing(probe)))
    }
  } finally {
    probe.close()
  }
  results.push(await timed('rest', () => checkRest(url, token)))
  const rest = results.at(-1)
  results.push(rest?.state === 'fail' ? notRun('tts', 'the REST API does not answer') : await timed('tts', () => checkTts(url, token)))
  return results
}
