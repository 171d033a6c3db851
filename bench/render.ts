/**
 * The renderer under a flood: a 10 000-token markdown answer streamed from the fake agent server
 * into the real app (web host + core) in headless Chromium, as fast as the socket carries it. It
 * reports long tasks (PerformanceObserver 'longtask') and the page's total script time, against a
 * baseline from the same run: the same final text arriving at once (`stream_end` only), rendered once.
 */
import { loadavg } from 'node:os'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import globalSetup from '../e2e/global-setup'
import { launchWeb } from '../e2e/support/launch'
import { FakeAgentServer, wordTokens, type FakeStep } from '../test/support/fake-agent-server'
import type { Bench, BenchRow } from './harness'
import { traceTurn, type TraceSummary } from './render-trace'
import { showConversation } from './conversation-view'

const TOKENS = 10_000
const ROUNDS = 3
const TOKEN = 'bench-token'
const WORDS = ['the', 'river', 'walk', 'is', 'long', 'and', 'quiet', 'we', 'could', 'start', 'early', 'with', 'coffee', 'then', 'rest']

/** A deterministic answer of `tokens` word tokens: paragraphs, headings, lists, code and tables. */
export function markdownAnswer(tokens: number): string {
  const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ')
  const blocks: string[] = []
  let count = 0
  for (let b = 0; count < tokens; b++) {
    let block: string
    if (b % 12 === 0) block = `## Part ${b / 12 + 1}`
    else if (b % 5 === 0) block = Array.from({ length: 5 }, (_, i) => `- **${words(1, b + i)}** ${words(6, b + i)}`).join('\n')
    else if (b % 7 === 0) block = ['```ts', ...Array.from({ length: 6 }, (_, i) => `const v${i} = ${i} * ${b} // ${words(3, i)}`), '```'].join('\n')
    else if (b % 11 === 0) block = ['| Day | Km | Note |', '|---|--:|---|', ...Array.from({ length: 4 }, (_, i) => `| ${i + 1} | ${b + i} | ${words(3, i)} |`)].join('\n')
    else block = `${words(45, b)}, with *${words(2, b)}* and \`${words(1, b)}\`.`
    blocks.push(block)
    count += wordTokens(`${block}\n\n`).length
  }
  return wordTokens(blocks.join('\n\n')).slice(0, tokens).join('')
}

/** Collects long tasks into `window.__longTasks` (durations, ms). */
const OBSERVE_LONG_TASKS = `(() => {
  window.__longTasks = []
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration) })
    .observe({ type: 'longtask' })
})()`

interface Run {
  scriptMs: number
  wallMs: number
  longTasks: number[]
}

/** The page's script time so far (s), counted since `Performance.enable` on this session. */
async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0
}

/** Sends one message and waits until its answer (the `turn`-th) is final on screen. */
async function runTurn(page: Page, cdp: CDPSession, agent: FakeAgentServer, steps: FakeStep[], turn: number): Promise<Run> {
  agent.answer = () => steps
  await page.evaluate('window.__longTasks = []')
  const before = await scriptSeconds(cdp)
  const start = Date.now()
  await page.getByRole('textbox', { name: 'Message' }).fill(`Round ${turn}`)
  await page.keyboard.press('Enter')
  // Earlier answers are all final, so the turn-th final one is this answer.
  await page.locator('article[aria-label="Mira"][aria-busy="false"]').nth(turn - 1).waitFor({ timeout: 120_000 })
  const wallMs = Date.now() - start
  const scriptMs = ((await scriptSeconds(cdp)) - before) * 1000
  const longTasks = (await page.evaluate('window.__longTasks')) as number[]
  return { scriptMs, wallMs, longTasks }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

export const renderBench: Bench = {
  name: 'render',
  description: `renderer: a ${TOKENS.toLocaleString('en')}-token markdown answer streamed into the real app in headless Chromium`,
  async run() {
    await globalSetup()
    const text = markdownAnswer(TOKENS)
    const tokens = wordTokens(text)
    const agent = await FakeAgentServer.start({ token: TOKEN })
    let browser: Browser | undefined
    const once: Run[] = []
    const streamed: Run[] = []
    let traced: TraceSummary | undefined
    const load = loadavg()[0] ?? 0
    try {
      const mira = await launchWeb({
        serverUrl: agent.url,
        token: TOKEN,
        browser: async () => (browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] })),
      })
      try {
        const { page } = mira
        await page.getByText('Connected').waitFor()
        await showConversation(page)
        await page.evaluate(OBSERVE_LONG_TASKS)
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Performance.enable')
        let turn = 0
        // Interleaved rounds, so machine noise hits both alike; the first pair warms up.
        for (let round = 0; round <= ROUNDS; round++) {
          const a = await runTurn(page, cdp, agent, [{ end: { content: text } }], ++turn)
          const b = await runTurn(page, cdp, agent, [{ tokens }], ++turn)
          if (round === 0) continue
          once.push(a)
          streamed.push(b)
        }
        // One more streamed round under a trace (which slows the page, so it is kept out of the above).
        const tracer = browser
        if (tracer) traced = await traceTurn(tracer, page, () => runTurn(page, cdp, agent, [{ tokens }], ++turn))
      } finally {
        await mira.close()
      }
    } finally {
      await browser?.close()
      await agent.stop()
    }
    const baseline = median(once.map((r) => r.scriptMs))
    const scriptMs = median(streamed.map((r) => r.scriptMs))
    const counts = streamed.map((r) => r.longTasks.length)
    const longest = streamed.map((r) => Math.max(0, ...r.longTasks))
    const rows: BenchRow[] = [
      { label: 'script time, final text rendered once (baseline)', value: baseline, unit: 'ms', ratio: 1 },
      { label: `script time, ${TOKENS} tokens streamed`, value: scriptMs, unit: 'ms', ratio: scriptMs / baseline },
      { label: 'wall time, send → streamed answer final', value: median(streamed.map((r) => r.wallMs)), unit: 'ms' },
      { label: 'long tasks (> 50 ms) while streaming', value: median(counts), unit: 'tasks' },
      { label: 'longest long task while streaming', value: median(longest), unit: 'ms' },
      { label: 'longest long task, rendered once', value: median(once.map((r) => Math.max(0, ...r.longTasks))), unit: 'ms' },
      { label: 'longest main-thread task while streaming, CPU time (traced round)', value: traced?.longestCpuMs ?? 0, unit: 'ms' },
    ]
    const breakdown = Object.entries(traced?.breakdown ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`)
    return {
      title: `Web mode in headless Chromium, ${text.length.toLocaleString('en')} characters of markdown; median of ${ROUNDS} interleaved rounds after a warm-up`,
      rows,
      notes: [
        'Script time: CDP Performance.getMetrics ScriptDuration of the page, from send until the answer is final.',
        'vs baseline: streamed script time ÷ the same text arriving whole in stream_end (one render).',
        `Long tasks per streamed round: ${counts.join(', ')}; longest: ${longest.map((ms) => ms.toFixed(0)).join(', ')} ms.`,
        `Long tasks are wall-clock: on a loaded machine (1-min load average at the start: ${load.toFixed(1)}) they stretch; the CPU time of the traced round does not.`,
        `Traced round: ${traced?.tasks ?? 0} main-thread tasks; the longest took ${(traced?.longestWallMs ?? 0).toFixed(0)} ms wall, CPU ms by kind: ${breakdown.join(', ') || 'n/a'}.`,
      ],
    }
  },
}
