/**
 * What a long conversation costs the renderer: the real app (web host + core) in headless Chromium
 * answers `MIRA_BENCH_TURNS` (default 1000) short markdown answers, one after another, and the
 * page's JS heap (after a forced GC, CDP `Runtime.getHeapUsage`) and DOM node count are read at
 * checkpoints, against the same page with an empty log as the baseline.
 */
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import globalSetup from '../e2e/global-setup'
import { launchWeb } from '../e2e/support/launch'
import { FakeAgentServer, wordTokens } from '../test/support/fake-agent-server'
import { showConversation } from './conversation-view'
import type { Bench, BenchRow } from './harness'
import { markdownAnswer } from './render'

const TURNS = Number(process.env.MIRA_BENCH_TURNS ?? 1000)
const TOKEN = 'bench-token'
const MiB = 1024 * 1024

interface Sample {
  turns: number
  heapMiB: number
  /** Nodes in the document. */
  domNodes: number
  /** Every node the renderer keeps (CDP Memory.getDOMCounters), detached ones included. */
  allNodes: number
}

/** Heap and nodes after garbage collection (twice: what one pass frees can free more). */
async function sample(page: Page, cdp: CDPSession, turns: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { nodes } = await cdp.send('Memory.getDOMCounters')
  const domNodes = (await page.evaluate('document.getElementsByTagName("*").length')) as number
  return { turns, heapMiB: usedSize / MiB, domNodes, allNodes: nodes }
}

/** Sends message `n` and waits until its answer is shown, final. */
async function exchange(page: Page, n: number): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(`Question ${n}`)
  await page.keyboard.press('Enter')
  await page.locator('article[aria-label="Mira"][aria-busy="false"]', { hasText: `Answer ${n}.` }).waitFor({ timeout: 60_000 })
}

export const memoryBench: Bench = {
  name: 'memory',
  description: `renderer: heap and DOM nodes after ${TURNS} answered turns in the real app in headless Chromium, vs an empty log`,
  async run() {
    await globalSetup()
    const body = markdownAnswer(60)
    const agent = await FakeAgentServer.start({ token: TOKEN })
    agent.answer = (message) => [{ tokens: wordTokens(`Answer ${message.content.replace(/\D/g, '')}. ${body}`) }]
    let browser: Browser | undefined
    const samples: Sample[] = []
    const checkpoints = new Set([Math.round(TURNS / 10), TURNS])
    try {
      const mira = await launchWeb({
        serverUrl: agent.url,
        token: TOKEN,
        browser: async () => (browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] })),
      })
      try {
        const { page } = mira
        await page.getByText('Connected').waitFor()
        const cdp = await page.context().newCDPSession(page)
        // The baseline is the empty log (code first used by the first answer counts as growth: a little too much, never too little).
        await showConversation(page, true)
        samples.push(await sample(page, cdp, 0))
        for (let n = 1; n <= TURNS; n++) {
          await exchange(page, n)
          if (checkpoints.has(n)) samples.push(await sample(page, cdp, n))
        }
        if (mira.problems.length) throw new Error(`the page reported problems: ${mira.problems.join('; ')}`)
      } finally {
        await mira.close()
      }
    } finally {
      await browser?.close()
      await agent.stop()
    }
    const [empty, ...rest] = samples
    if (!empty) throw new Error('no baseline sample')
    const rows: BenchRow[] = [{ label: 'JS heap, empty log (baseline)', value: empty.heapMiB, unit: 'MiB', ratio: 1 }]
    for (const s of rest) rows.push({ label: `JS heap after ${s.turns} turns`, value: s.heapMiB, unit: 'MiB', ratio: s.heapMiB / empty.heapMiB })
    const last = rest.at(-1) ?? empty
    const per1000 = (value: number) => (value / Math.max(1, last.turns)) * 1000
    rows.push(
      { label: 'JS heap growth per 1000 turns (goal < 20)', value: per1000(last.heapMiB - empty.heapMiB), unit: 'MiB' },
      { label: 'DOM nodes per turn (in the document)', value: (last.domNodes - empty.domNodes) / Math.max(1, last.turns), unit: 'nodes' },
      { label: 'DOM nodes per turn (all kept, detached too)', value: (last.allNodes - empty.allNodes) / Math.max(1, last.turns), unit: 'nodes' },
    )
    return {
      title: `Web mode in headless Chromium: ${TURNS} exchanges of a ${wordTokens(body).length}-token markdown answer`,
      rows,
      notes: [
        'Heap: CDP Runtime.getHeapUsage after two HeapProfiler.collectGarbage; nodes: the document, and CDP Memory.getDOMCounters.',
        ...samples.map((s) => `${s.turns} turns: heap ${s.heapMiB.toFixed(1)} MiB, ${s.domNodes} nodes in the document, ${s.allNodes} kept`),
      ],
    }
  },
}
