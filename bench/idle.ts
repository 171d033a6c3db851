/**
 * What an idle Mira costs the computer: the CPU of every Chromium process (renderer, GPU, browser)
 * while the app only waits, its character breathing and blinking, against a baseline from the same
 * run: the same browser showing one small CSS animation (what any moving page costs). Rounds
 * alternate between the two, so machine noise hits both alike.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { chromium, type Browser } from 'playwright-core'
import globalSetup from '../e2e/global-setup'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium'
import { launchWeb, type MiraUnderTest } from '../e2e/support/launch'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import type { Bench } from './harness'

const TOKEN = 'bench-token'
const ROUNDS = 3
const SECONDS = 8
/** Kernel clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's CPU times. */
const TICKS = 100

const BASELINE_PAGE = `<style>div{width:40px;height:40px;background:#88f;animation:s 2s infinite alternate}@keyframes s{to{transform:translateX(200px)}}</style><div></div>`

/** CPU seconds so far of this process's descendants (the browser and its children), not of this process. */
function browserCpuSeconds(): number {
  const parent = new Map<number, number>()
  const cpu = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after the command name (which may hold spaces) start at ") ".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parent.set(pid, Number(fields[1]))
      cpu.set(pid, Number(fields[11]) + Number(fields[12]))
    } catch {
      // The process ended while being read.
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true
    return false
  }
  let ticks = 0
  for (const [pid, t] of cpu) if (isDescendant(pid)) ticks += t
  return ticks / TICKS
}

/** The share of one core the browser used over the next `SECONDS`. */
async function share(): Promise<number> {
  const before = browserCpuSeconds()
  const start = performance.now()
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000))
  return (browserCpuSeconds() - before) / ((performance.now() - start) / 1000)
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

export const idleBench: Bench = {
  name: 'idle',
  description: 'an idle app in headless Chromium: the CPU of every browser process while it only waits',
  async run() {
    await globalSetup()
    const agent = await FakeAgentServer.start({ token: TOKEN })
    let browser: Browser | undefined
    const load = loadavg()[0] ?? 0
    const baseline: number[] = []
    const idle: number[] = []
    try {
      const open = (browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }))
      // One page at a time: the other is closed while one is measured.
      for (let round = 0; round < ROUNDS; round++) {
        const plain = await open.newPage()
        await plain.setContent(BASELINE_PAGE)
        baseline.push(await share())
        await plain.close()
        const mira: MiraUnderTest = await launchWeb({ serverUrl: agent.url, token: TOKEN, browser: async () => open, viewport: { width: 1100, height: 720 } })
        try {
          await mira.page.getByText('Connected').waitFor()
          // The greeting at start is over: the character only idles.
          await mira.page.locator('[data-state="idle"]').first().waitFor({ timeout: 30_000 })
          idle.push(await share())
        } finally {
          await mira.close()
        }
      }
    } finally {
      await browser?.close()
      await agent.stop()
    }
    const base = median(baseline)
    const app = median(idle)
    return {
      title: `Headless Chromium (software drawing), 1100×720, ${SECONDS} s per round; median of ${ROUNDS} alternating rounds`,
      rows: [
        { label: 'one CSS animation (baseline)', value: base * 100, unit: '% of a core', ratio: 1 },
        { label: 'Mira idle: the character breathing and blinking', value: app * 100, unit: '% of a core', ratio: app / base },
      ],
      notes: [`load average at the start: ${load.toFixed(2)} (these figures grow with the load)`],
    }
  },
}
