/** What one history start-up run (bench/server/history-host.ts) reports over IPC. */
import { z } from 'zod'

export const startReportSchema = z.union([
  z.object({ startMs: z.number(), rss: z.number(), heapUsed: z.number() }),
  z.object({ error: z.string() }),
])
export type StartFigure = { startMs: number; rss: number; heapUsed: number }
