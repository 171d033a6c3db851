/**
 * The connection checks for a SYMindX server: the same steps as `/v1/chat/stream`'s (checks.ts), in
 * SYMindX's words. The upgrade carries the token as a Bearer header (as the adapter does); *authorize*
 * asks `status` and lists the agents, and fails when the agent messages would go to is not among
 * them; *ping* waits for the server's own ping; SYMindX has neither Mira's REST API nor a voice.
 */
import type { ConnectionCheck } from '../../../shared/host/connection-test'
import { hostText } from '../../../shared/host/host-text'
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
  const letIn = target.token ? `token from ${target.tokenSource ?? 'the settings'} accepted` : 'let in without a token'
  if (first?.type === 'error') {
    const { code, message } = first.data
    if (code === 'UNAUTHORIZED') return fail(`the server refused ${target.token ? 'the token' : 'to let Mira in without a token'}: ${message ?? code}`, target.token ? 'check-token' : 'add-token')
    // It answered, but lists no agents: the agent is found out when a message goes.
    return pass(`${letIn}; the server lists no agents (${String(code ?? 'error')}${message ? `: ${message}` : ''})`)
  }
  if (first?.type !== 'status_update') {
    if (probe.closed) return fail(closed(probe.closed))
    return fail(`no answer to status within ${seconds(timeouts.stepMs)}`, 'not-agent-server')
  }
  // One status_update per agent: the rest come right after the first (a round trip lets them in).
  await probe.roundTrip(timeouts.stepMs)
  const agents = [first, ...(await drain(probe))].flatMap((f) => (f.type === 'status_update' && f.data.agentId ? [f.data.agentId] : []))
  const list = agents.join(', ')
  if (target.agent === undefined) return pass(`${letIn}; agents: ${list}`)
  if (!agents.includes(target.agent)) return fail(`${letIn}, but there is no agent “${target.agent}”; agents: ${list}`, 'choose-agent')
  return pass(`${letIn}; messages go to ${target.agent} (agents: ${list})`)
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
  return pass(`ping after ${Math.round(performance.now() - started)} ms answered with pong`)
}
