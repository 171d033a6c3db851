/**
 * Where the renderer's main thread spends a turn, from a Chromium trace: the longest task by CPU
 * time (the thread's own time, which stays put when other processes load the machine, unlike the
 * wall-clock durations the long-task observer reports) and what that task was made of.
 */
import type { Browser, Page } from 'playwright-core'
import { z } from 'zod'

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute']

const TraceEvent = z.object({
  name: z.string(),
  ph: z.string(),
  pid: z.number(),
  tid: z.number(),
  ts: z.number(),
  dur: z.number().optional(),
  tdur: z.number().optional(),
  args: z.object({ name: z.string().optional() }).loose().optional(),
})
type TraceEvent = z.infer<typeof TraceEvent>
const Trace = z.object({ traceEvents: z.array(z.unknown()) })

/** Trace event names → the kind of work they are, as the DevTools performance panel groups them. */
const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  RunMicrotasks: 'script',
  EvaluateScript: 'script',
  ParseHTML: 'parse HTML',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  MinorGC: 'GC',
  MajorGC: 'GC',
}

export interface TraceSummary {
  /** Tasks on the page's main thread. */
  tasks: number
  /** The longest task by CPU time, ms. */
  longestCpuMs: number
  /** The same task's wall-clock duration, ms. */
  longestWallMs: number
  /** That task's CPU time by kind of work, ms (nested events counted once, at their outermost). */
  breakdown: Record<string, number>
}

/** Runs `turn` under a trace of `page` and summarizes the main thread's tasks. */
export async function traceTurn(browser: Browser, page: Page, turn: () => Promise<unknown>): Promise<TraceSummary> {
  await browser.startTracing(page, { categories: CATEGORIES })
  let buffer: Buffer
  try {
    await turn()
  } finally {
    buffer = await browser.stopTracing()
  }
  const { traceEvents } = Trace.parse(JSON.parse(buffer.toString('utf8')))
  return summarize(traceEvents.flatMap((e) => TraceEvent.safeParse(e).data ?? []))
}

function summarize(events: TraceEvent[]): TraceSummary {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const complete = events.filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main.tid && e.dur !== undefined)
  const tasks = complete.filter((e) => e.name === 'RunTask')
  const cpu = (e: TraceEvent) => e.tdur ?? e.dur ?? 0
  const longest = tasks.reduce<TraceEvent | undefined>((best, t) => (best && cpu(best) >= cpu(t) ? best : t), undefined)
  const breakdown: Record<string, number> = {}
  if (longest) {
    const end = longest.ts + (longest.dur ?? 0)
    const inside = complete.filter((e) => e !== longest && e.ts >= longest.ts && e.ts + (e.dur ?? 0) <= end && KINDS[e.name])
    // Events nest: only the outermost of a chain counts, so nested work is not counted twice.
    const contains = (o: TraceEvent, e: TraceEvent) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0)
    const outer = inside.filter((e) => !inside.some((o) => contains(o, e) && !(contains(e, o) && inside.indexOf(o) > inside.indexOf(e))))
    for (const e of outer) {
      const kind = KINDS[e.name] ?? 'other'
      breakdown[kind] = (breakdown[kind] ?? 0) + cpu(e) / 1000
    }
  }
  return { tasks: tasks.length, longestCpuMs: longest ? cpu(longest) / 1000 : 0, longestWallMs: (longest?.dur ?? 0) / 1000, breakdown }
}
