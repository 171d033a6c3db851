/**
 * The connection checks for a SYMindX server: the same steps as `/v1/chat/stream`'s (checks.ts), in
 * SYMindX's words. The upgrade carries the token as a Bearer header (as the adapter does); *authorize*
 * asks `status` and lists the agents, and fails when the agent messages would go to is not among
 * them; *ping* waits for the server's own ping; SYMindX has neither Mira's REST API nor a voice.
 */
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import { hostText, type HostText, type HostTextParams } from '../../../shared/host/host-text'
import { socketErrorReason } from '../link/reasons'
import { lowerFirst } from '../../../shared/text'
import { symindxProtocol, type SymindxFrame } from '../protocols/symindx'
import { NOT_RUN, fail, notInProtocol, notRun, pass, skip, timed, type CheckOutcome } from './check'
import { checkTcp, type CheckTimeouts } from './checks'
import type { CheckTarget } from './run-checks'
import { WsProbe } from './ws-probe'

export interface SymindxCheckTarget extends CheckTarget {
  /** The agent messages go to (`--agent`, else the settings' agent id). */
  agent?: string
}

const seconds = (ms: number) => `${ms / 1000} s`
const closed = ({ code, reason }: { code: number; reason: string }) =>
  hostText(`the server closed the connection (${code} ${reason})`.trim(), 'checkClosed', { code, reason })

export async function runSymindxChecks(target: SymindxCheckTarget, timeouts: CheckTimeouts): Promise<ConnectionCheck[]> {
  const protocol = symindxProtocol()
  const socket = protocol.target(target.url, target.token ? { token: target.token } : {})
  const tcp = await timed('tcp', () => checkTcp(socket.url, timeouts))
  const after = [
    notRun('websocket', NOT_RUN.tcp),
    notRun('authorize', NOT_RUN.tcp),
    notRun('ping', NOT_RUN.tcp),
    // SYMindX has neither Mira's REST API nor a voice: the app speaks with its local one.
    notRun('rest', notInProtocol('symindx')),
    notRun('tts', notInProtocol('symindx')),
  ] satisfies ConnectionCheck[]
  // A SYMindX runtime is not Mira's to start: where nothing listens, ask whether it runs at that address.
  if (tcp.status === 'fail') return [{ ...tcp, ...(tcp.hint ? { hint: 'check-address' as const } : {}) }, ...after]
  const results: ConnectionCheck[] = [tcp]
  const probe = new WsProbe<SymindxFrame>(protocol.parse)
  try {
    const upgrade = await timed('websocket', async () => {
      const opened = await probe.open(socket.url, timeouts.stepMs, socket.headers)
      const path = new URL(socket.url).pathname
      if (opened.status !== undefined) return fail(hostText(`HTTP ${opened.status} instead of a WebSocket upgrade at ${path}`, 'checkNotUpgraded', { status: opened.status, path }), 'check-path')
      if (opened.error) {
        const reason = socketErrorReason(new URL(socket.url).host, opened.error)
        return fail({ ...reason, text: lowerFirst(reason.text) }, 'check-address')
      }
      return pass(hostText(`upgraded at ${path}`, 'checkUpgraded', { path }))
    })
    results.push(upgrade)
    if (upgrade.status === 'fail') return [...results, notRun('authorize', NOT_RUN.webSocket), notRun('ping', NOT_RUN.webSocket), ...after.slice(3)]
    const authorize = await timed('authorize', () => checkAgents(probe, target, timeouts))
    results.push(authorize)
    results.push(authorize.status === 'fail' ? notRun('ping', NOT_RUN.authorize) : await timed('ping', () => checkServerPing(probe, timeouts)))
  } finally {
    probe.close()
  }
  return [...results, ...after.slice(3)]
}

/** `status` for every agent: the server lets us in, and the agent we talk to is there. */
async function checkAgents(probe: WsProbe<SymindxFrame>, target: SymindxCheckTarget, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  probe.send({ type: 'status' })
  const first = await probe.waitFor((f) => f.type === 'status_update' || f.type === 'error', timeouts.stepMs)
  const letIn = letInWords(target)
  if (first?.type === 'error') {
    const { code, message } = first.data
    const error = message ?? String(code ?? 'error')
    if (code === 'UNAUTHORIZED') {
      if (target.token) return fail(hostText(`the server refused the token: ${error}`, 'checkTokenRefused', { error }), 'check-token')
      return fail(hostText(`the server refused to let Mira in without a token: ${error}`, 'checkSymindxNeedsToken', { error }), 'add-token')
    }
    // It answered, but lists no agents: the agent is found out when a message goes.
    const said = `${String(code ?? 'error')}${message ? `: ${message}` : ''}`
    return pass(letIn(`the server lists no agents (${said})`, 'NoList', { error: said }))
  }
  if (first?.type !== 'status_update') {
    if (probe.closed) return fail(closed(probe.closed))
    const waited = timeouts.stepMs / 1000
    return fail(hostText(`no answer to status within ${waited} s`, 'checkNoStatusAnswer', { seconds: waited }), 'not-agent-server')
  }
  // One status_update per agent: the rest come right after the first (a round trip lets them in).
  await probe.roundTrip(timeouts.stepMs)
  const listed = [first, ...(await drain(probe))].flatMap((f) => (f.type === 'status_update' && f.data.agentId ? [f.data.agentId] : []))
  const agents = listed.join(', ')
  const { agent } = target
  if (agent === undefined) return pass(letIn(`agents: ${agents}`, 'Agents', { agents }))
  if (!listed.includes(agent)) return fail(letIn(`but there is no agent “${agent}”; agents: ${agents}`, 'NoAgent', { agent, agents }, ', '), 'choose-agent')
  return pass(letIn(`messages go to ${agent} (agents: ${agents})`, 'Agent', { agent, agents }))
}

/**
 * "token from … accepted; <rest>" or "let in without a token; <rest>", each with its text code
 * (`checkSymindx<Case>` / `checkSymindx<Case>NoToken`). A token from the command line (no source
 * code) is said in English only, as the doctor prints it.
 */
function letInWords(target: SymindxCheckTarget) {
  return (rest: string, code: string, params: HostTextParams, joint = '; '): string | HostText => {
    if (!target.token) return hostText(`let in without a token${joint}${rest}`, `checkSymindx${code}NoToken`, params)
    const text = `token from ${target.tokenSource ?? 'the settings'} accepted${joint}${rest}`
    return target.tokenSourceCode ? hostText(text, `checkSymindx${code}`, { ...params, source: target.tokenSourceCode }) : text
  }
}

async function drain(probe: WsProbe<SymindxFrame>): Promise<SymindxFrame[]> {
  const frames: SymindxFrame[] = []
  for (;;) {
    const next = await probe.waitFor((f) => f.type === 'status_update', 0)
    if (!next) return frames
    frames.push(next)
  }
}

async function checkServerPing(probe: WsProbe<SymindxFrame>, timeouts: CheckTimeouts): Promise<CheckOutcome> {
  const started = performance.now()
  const ping = await probe.waitFor((f) => f.type === 'ping', timeouts.pingMs)
  if (!ping) {
    if (probe.closed) return fail(closed(probe.closed))
    return skip(hostText(`server sent no ping within ${seconds(timeouts.pingMs)}`, 'checkNoPing', { seconds: timeouts.pingMs / 1000 }))
  }
  probe.send({ type: 'pong' })
  const after = Math.round(performance.now() - started)
  return pass(hostText(`ping after ${after} ms answered with pong`, 'checkServerPingAnswered', { after }))
}
