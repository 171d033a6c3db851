/** What `mira doctor` does, loaded only when it runs (its imports are the heavy part of the CLI). */
import { protocolFlag, textFlag, UsageError } from '../args'
import { chooseServer, loadCliConfig, type ServerChoice } from '../config'
import { fail, pass, stamp } from '../../main/core/doctor/check'
import { checksFor } from '../../main/core/doctor/protocol-checks'
import { noneRun } from '../../main/core/doctor/run-checks'
import { resolveKind } from '../../main/core/protocols/registry'
import type { ConnectionCheck } from '../../shared/host/connection-test'
import { checkConfig, fromCore, type CheckResult } from '../doctor/check'
import { renderJson, renderTable } from '../doctor/report'
import { ExitCode } from '../exit-codes'
import type { ParsedArgs } from '../command'
import type { CliIo } from '../io'
import { DOCTOR_TIMEOUTS, type DoctorOptions } from './doctor'

export async function runDoctor({ values }: ParsedArgs<DoctorOptions>, io: CliIo): Promise<number> {
  const token = textFlag('token', values.token)
  const kindFlag = protocolFlag(values.protocol)
  const agentFlag = textFlag('agent', values.agent)
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
  // As `mira chat`: the settings' kind belongs to the settings' server; another address is told by its path.
  const kind = server && resolveKind(kindFlag ?? (values.server || io.env.MIRA_SERVER ? 'auto' : config.settings.server.kind), server.url)
  const protocol = kind === undefined || kind === 'dmp' ? {} : { protocol: kind }
  const agent = agentFlag ?? config.settings.agentId
  const connection = server ? await checksFor(kind)({ ...server, ...protocol, agent }, DOCTOR_TIMEOUTS) : noneRun('no valid server address')
  checks.push(...[url, ...connection].map(fromCore))
  io.stdout.write(values.json ? renderJson(server?.url, checks) : renderTable(server?.url, checks))
  return checks.some((c) => c.state === 'fail') ? ExitCode.failure : ExitCode.ok
}

