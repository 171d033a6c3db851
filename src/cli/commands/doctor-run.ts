/** What `mira doctor` does, loaded only when it runs (its imports are the heavy part of the CLI). */
import { textFlag, UsageError } from '../args'
import { chooseServer, loadCliConfig, type ServerChoice } from '../config'
import { fail, pass, stamp } from '../../main/core/doctor/check'
import { noneRun, runConnectionChecks } from '../../main/core/doctor/run-checks'
import type { ConnectionCheck } from '../../shared/host/connection-test'
import { checkConfig, fromCore, type CheckResult } from '../doctor/check'
import { renderJson, renderTable } from '../doctor/report'
import { ExitCode } from '../exit-codes'
import type { ParsedArgs } from '../command'
import type { CliIo } from '../io'
import { DOCTOR_TIMEOUTS, type DoctorOptions } from './doctor'
import { protocolFlag } from './chat-run'
import { createProtocol, resolveKind } from '../../main/core/protocols/registry'
import { runProtocolChecks } from '../../main/core/doctor/protocol-checks'
import type { ProtocolKind } from '../../shared/protocol/kinds'
import type { CliConfig } from '../config'

export async function runDoctor({ values }: ParsedArgs<DoctorOptions>, io: CliIo): Promise<number> {
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
  const connection = server ? await connectionChecks(server, protocolKind(values.protocol, values.server, server, config, io)) : noneRun('no valid server address')
  checks.push(...[url, ...connection].map(fromCore))
  io.stdout.write(values.json ? renderJson(server?.url, checks) : renderTable(server?.url, checks))
  return checks.some((c) => c.state === 'fail') ? ExitCode.failure : ExitCode.ok
}


/** As `mira chat` decides: `--protocol`, else the settings' kind for the settings' server, else what the address tells (dmp when it cannot). */
function protocolKind(flag: string | undefined, serverFlag: string | undefined, server: ServerChoice, config: CliConfig, io: CliIo): ProtocolKind {
  const chosen = protocolFlag(flag) ?? (serverFlag || io.env.MIRA_SERVER ? 'auto' : config.settings.server.kind)
  return resolveKind(chosen, server.url) ?? 'dmp'
}

function connectionChecks(server: ServerChoice, kind: ProtocolKind) {
  if (kind === 'dmp') return runConnectionChecks(server, DOCTOR_TIMEOUTS)
  const protocol = createProtocol(kind)
  if (!protocol) throw new UsageError(`--protocol ${kind} is not yet supported`)
  return runProtocolChecks({ ...server, protocol }, DOCTOR_TIMEOUTS)
}
