/** `mira doctor`: walk the path from the settings file to spoken audio, and say where it breaks. */
import { textFlag, UsageError } from '../args'
import { defineCommand } from '../command'
import { chooseServer, loadCliConfig, type ServerChoice } from '../config'
import { fail, pass, stamp } from '../../main/core/doctor/check'
import { DOCTOR_TIMEOUTS } from '../../main/core/doctor/checks'
import { noneRun, runConnectionChecks } from '../../main/core/doctor/run-checks'
import type { ConnectionCheck } from '../../shared/host/connection-test'
import { checkConfig, fromCore, type CheckResult } from '../doctor/check'
import { renderJson, renderTable } from '../doctor/report'
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
the chat path), authorize (the token), ping (answered if the server pings within ${DOCTOR_TIMEOUTS.pingMs / 1000} s; else
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
    let started = performance.now()
    const config = await loadCliConfig(io)
    const checks: CheckResult[] = [{ name: 'config', ...checkConfig(config), ms: Math.round(performance.now() - started) }]
    started = performance.now()
    let server: ServerChoice | undefined
    let url: ConnectionCheck
    try {
      server = chooseServer(config, io.env, { server: values.server, token })
      url = stamp('url', pass(server.url), started)
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      url = stamp('url', fail(error.message, 'url-format'), started)
    }
    const connection = server ? await runConnectionChecks(server, DOCTOR_TIMEOUTS) : noneRun('no valid server address')
    checks.push(...[url, ...connection].map(fromCore))
    io.stdout.write(values.json ? renderJson(server?.url, checks) : renderTable(server?.url, checks))
    return checks.some((c) => c.state === 'fail') ? ExitCode.failure : ExitCode.ok
  },
})

