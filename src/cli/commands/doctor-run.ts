/** What `mira doctor` does, loaded only when it runs (its imports are the heavy part of the CLI). */
import { textFlag, UsageError } from '../args'
import { chooseServer, loadCliConfig, type ServerChoice } from '../config'
import { fail, pass, stamp } from '../../main/core/doctor/check'
import { checksFor } from '../../main/core/doctor/protocol-checks'
import { noneRun } from '../../main/core/doctor/run-checks'
import type { ConnectionCheck } from '../../shared/host/connection-test'
import { checkConfig, fromCore, type CheckResult } from '../doctor/check'
import { renderJson, renderTable } from '../doctor/report'
import { ExitCode } from '../exit-codes'
import type { ParsedArgs } from '../command'
import type { CliIo } from '../io'
import { DOCTOR_TIMEOUTS, type DoctorOptions } from './doctor'
import { opt } from '../../main/core/protocols/fields'
import type { ProtocolKind } from '../../shared/protocol/kinds'
import { detectProtocol, protocolFlag } from '../protocol-flag'
import { detectionText } from '../../main/core/protocols/probe'

export async function runDoctor({ values }: ParsedArgs<DoctorOptions>, io: CliIo): Promise<number> {
  const token = textFlag('token', values.token)
  const kindFlag = protocolFlag(values.protocol)
  const agentFlag = textFlag('agent', values.agent)
  const apiKeyFlag = textFlag('api-key', values['api-key'])
  const userFlag = textFlag('user-id', values['user-id'])
  const chatFlag = textFlag('chat-id', values['chat-id'])
  let started = performance.now()
  const config = await loadCliConfig(io)
  const checks: CheckResult[] = [{ name: 'config', ...checkConfig(config), ms: Math.round(performance.now() - started) }]
  started = performance.now()
  let server: (ServerChoice & { protocol?: ProtocolKind }) | undefined
  let url: ConnectionCheck
  try {
    const chosen = chooseServer(config, io.env, { server: values.server, token })
    const detection = await detectProtocol(kindFlag, chosen.url, config, Boolean(values.server || io.env.MIRA_SERVER))
    const protocol = detection.kind
    // Only a server whose protocol is known is checked: the rest are not run.
    if (protocol === undefined) {
      url = stamp('url', fail(detectionText(detection, chosen.url), detection.why === 'unreachable' ? 'check-address' : 'choose-kind'), started)
    } else {
      server = protocol === 'dmp' ? chosen : { ...chosen, protocol }
      url = stamp('url', pass(detection.how === 'probe' ? detectionText(detection, server.url) : server.url), started)
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    url = stamp('url', fail(error.message, 'url-format'), started)
  }
  const agent = agentFlag ?? config.settings.agentId
  const credentials = { ...opt('apiKey', apiKeyFlag), userId: userFlag ?? config.settings.userId, ...opt('chatId', chatFlag) }
  const connection = server ? await checksFor(server.protocol)({ ...server, agent, credentials }, DOCTOR_TIMEOUTS) : noneRun('no valid server address')
  checks.push(...[url, ...connection].map(fromCore))
  io.stdout.write(values.json ? renderJson(server?.url, checks) : renderTable(server?.url, checks))
  return checks.some((c) => c.state === 'fail') ? ExitCode.failure : ExitCode.ok
}

