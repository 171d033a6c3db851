/**
 * How soon the link is back after its server returns. A loopback agent server (a few lines of `ws`
 * here, so only the link is timed) goes away for a few seconds and comes back on the same port;
 * the time from it accepting again to the link being `ready` is measured for the old policy
 * (exponential backoff for every server), the loopback policy, and a network-online event, next to
 * a fresh link's connect + authorize on a listening server (the floor, and the baseline).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { WebSocketServer } from 'ws'
import { ChatLink } from '../src/main/core/link/chat-link'
import { DEFAULT_BACKOFF } from '../src/main/core/link/backoff'
import { applySystemEvent, LOOPBACK_BACKOFF } from '../src/main/core/link/reconnect-policy'
import type { ChatLinkOptions } from '../src/main/core/link/types'
import type { Bench, BenchRow } from './harness'
import { median } from './server/stats'

const OUTAGE_MS = 3_000
const ROUNDS = 5

/** Answers `authorize` and nothing else; can stop and listen again on the same port. */
class TinyAgentServer {
  port = 0
  private http: Server | undefined
  private wss: WebSocketServer | undefined

  get url(): string {
    return `ws://127.0.0.1:${this.port}/v1/chat/stream`
  }

  async listen(port = 0): Promise<void> {
    const http = createServer()
    const wss = new WebSocketServer({ server: http })
    wss.on('connection', (ws) =>
      ws.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type?: string }).type === 'authorize') ws.send(JSON.stringify({ type: 'authorize_success', connection_id: 'bench' }))
      }),
    )
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject)
      http.listen(port, '127.0.0.1', () => resolve())
    })
    this.port = (http.address() as AddressInfo).port
    this.http = http
    this.wss = wss
  }

  async stop(): Promise<void> {
    const { http, wss } = this
    this.http = undefined
    this.wss = undefined
    if (!http || !wss) return
    for (const client of wss.clients) client.terminate()
    wss.close()
    http.closeAllConnections()
    await new Promise<void>((resolve) => http.close(() => resolve()))
  }
}

function whenState(link: ChatLink, state: string): Promise<void> {
  if (link.status.state === state) return Promise.resolve()
  return new Promise((resolve) => {
    const off = link.on('status', (status) => {
      if (status.state !== state) return
      off()
      resolve()
    })
  })
}

interface Variant {
  label: string
  link: Partial<ChatLinkOptions>
  /** Called the moment the server accepts again (e.g. the OS reporting the network back). */
  onServerBack?: (link: ChatLink) => void
}

/** Milliseconds from the server listening again to the link being ready. */
async function afterOutage(variant: Variant): Promise<number> {
  const server = new TinyAgentServer()
  await server.listen()
  const link = new ChatLink({ url: server.url, getToken: () => 'bench', ...variant.link })
  try {
    link.start()
    await whenState(link, 'ready')
    await server.stop()
    await whenState(link, 'reconnecting')
    await sleep(OUTAGE_MS)
    await server.listen(server.port)
    const back = performance.now()
    variant.onServerBack?.(link)
    await whenState(link, 'ready')
    return performance.now() - back
  } finally {
    await link.stop()
    await server.stop()
  }
}

/** A fresh link's connect + authorize against a listening server. */
async function fresh(): Promise<number> {
  const server = new TinyAgentServer()
  await server.listen()
  const link = new ChatLink({ url: server.url, getToken: () => 'bench' })
  try {
    const start = performance.now()
    link.start()
    await whenState(link, 'ready')
    return performance.now() - start
  } finally {
    await link.stop()
    await server.stop()
  }
}

const VARIANTS: Variant[] = [
  { label: 'exponential backoff 250 ms → 30 s (before: every server)', link: { backoff: DEFAULT_BACKOFF } },
  { label: 'loopback server (≤ 500 ms between tries; goal ≤ 1 s)', link: { backoff: LOOPBACK_BACKOFF } },
  {
    label: 'any server, network-online event when it is back',
    link: { backoff: DEFAULT_BACKOFF },
    onServerBack: (link) => applySystemEvent(link, 'online', false),
  },
]

export const reconnectBench: Bench = {
  name: 'reconnect',
  description: `time from a loopback server accepting again (after ${OUTAGE_MS / 1000} s away) to the link being ready`,
  async run() {
    const floor: number[] = []
    const samples = VARIANTS.map(() => [] as number[])
    for (let round = 0; round < ROUNDS; round++) {
      floor.push(await fresh())
      // The variants' outages overlap in time (each has its own server), so a round takes one outage.
      const results = await Promise.all(VARIANTS.map((variant) => afterOutage(variant)))
      results.forEach((ms, i) => samples[i]?.push(ms))
    }
    const base = median(floor)
    const rows: BenchRow[] = [
      { label: 'fresh link: connect + authorize (baseline)', value: base, unit: 'ms', ratio: 1 },
      ...VARIANTS.map((variant, i) => {
        const ms = median(samples[i] ?? [])
        return { label: variant.label, value: ms, unit: 'ms', ratio: ms / base }
      }),
    ]
    return {
      title: `Reconnect after a ${OUTAGE_MS / 1000} s outage of a loopback agent server: median of ${ROUNDS} rounds`,
      rows,
      notes: [
        `every sample (ms): ${VARIANTS.map((v, i) => `${v.label.split(' (')[0]}: ${(samples[i] ?? []).map((ms) => ms.toFixed(0)).join(', ')}`).join('; ')}`,
        'vs baseline: ÷ a fresh connect + authorize; the exponential row depends on where the outage ends in its wait (up to 2–4 s here).',
      ],
    }
  },
}
