/**
 * Remembers the main window's bounds in `window-state.json` (userData), and brings saved bounds
 * back onto a display that is still there: a monitor unplugged since last time must not leave the
 * window off-screen.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
})

export const windowStateSchema = z.object({
  version: z.literal(1),
  bounds: rectSchema,
  maximized: z.boolean().default(false),
})
export type WindowState = z.infer<typeof windowStateSchema>

export interface SizeLimits {
  width: number
  height: number
  minWidth: number
  minHeight: number
}

/** Less than this much of the window visible on a display (px each way) counts as lost. */
const MIN_VISIBLE = 64

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return { width: Math.max(0, width), height: Math.max(0, height) }
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), Math.max(min, max))

/**
 * Bounds to open the window with. Saved bounds stay on the display they mostly overlap, shrunk
 * to fit its work area and moved fully inside it; saved bounds that no display shows enough of
 * keep their size, centred on the primary display. Without saved bounds: the default size, centred.
 */
export function restoreBounds(saved: Rect | undefined, workAreas: readonly Rect[], primary: Rect, limits: SizeLimits): Rect {
  let area = primary
  let best = 0
  if (saved) {
    for (const candidate of workAreas) {
      const seen = overlap(saved, candidate)
      const score = seen.width >= MIN_VISIBLE && seen.height >= MIN_VISIBLE ? seen.width * seen.height : 0
      if (score > best) {
        best = score
        area = candidate
      }
    }
  }
  // Off every display: keep the size the user chose, drop the position.
  const keepPosition = best > 0
  const width = clamp(saved?.width ?? limits.width, Math.min(limits.minWidth, area.width), area.width)
  const height = clamp(saved?.height ?? limits.height, Math.min(limits.minHeight, area.height), area.height)
  const x = saved && keepPosition ? clamp(saved.x, area.x, area.x + area.width - width) : area.x + Math.round((area.width - width) / 2)
  const y = saved && keepPosition ? clamp(saved.y, area.y, area.y + area.height - height) : area.y + Math.round((area.height - height) / 2)
  return { x, y, width, height }
}

/** The saved state, or `undefined` when there is none or it is unreadable (then defaults apply). */
export async function loadWindowState(file: string, log: (line: string) => void): Promise<WindowState | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
    log(`window-state: ignoring ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  } catch {
    log(`window-state: ignoring ${file}: not JSON`)
  }
  return undefined
}

/**
 * Synchronous, because it runs in the window's `close` handler and the app may quit right after.
 * Writes through a temporary file, so a crash mid-write never leaves half a file.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = windowStateSchema.parse(state)
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, 'utf8')
  renameSync(temp, file)
}
