/**
 * Remembers the main window's place per display in `window-state.json` (userData): docked at the
 * big monitor it opens there, undocked on the laptop it opens where it last was on the laptop.
 * Saved bounds are always brought back onto a display that is still there: a monitor unplugged
 * since last time must not leave the window off-screen.
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

/** The parts of Electron's `Display` used here. */
export interface DisplayLike {
  id: number
  bounds: Rect
  workArea: Rect
}

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
})

const placementSchema = z.object({ bounds: rectSchema, maximized: z.boolean().default(false) })
export type Placement = z.infer<typeof placementSchema>

/** Displays remembered at most: enough for home, office and a projector. */
export const MAX_DISPLAYS = 8

const entrySchema = placementSchema.extend({
  /** The display the window mostly covered; `null` for a file from before per-display state. */
  display: z.object({ id: z.number(), bounds: rectSchema }).nullable(),
  savedAt: z.number(),
})
export type PlacementEntry = z.infer<typeof entrySchema>

export const windowStateSchema = z.object({ version: z.literal(2), entries: z.array(entrySchema).max(MAX_DISPLAYS) })
export type WindowState = z.infer<typeof windowStateSchema>

// Version 1 held one placement; it becomes an entry on an unknown display.
const legacySchema = placementSchema.extend({ version: z.literal(1) })
const fileSchema = z.union([
  windowStateSchema,
  legacySchema.transform(({ bounds, maximized }): WindowState => ({ version: 2, entries: [{ bounds, maximized, display: null, savedAt: 0 }] })),
])

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
const sameRect = (a: Rect, b: Rect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height

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

/** The display a window mostly covers (the primary one when it covers none): where it "is". */
export function displayOf<D extends DisplayLike>(bounds: Rect, displays: readonly D[], primary: D): D {
  let found = primary
  let best = 0
  for (const display of displays) {
    const seen = overlap(bounds, display.bounds)
    if (seen.width * seen.height > best) {
      best = seen.width * seen.height
      found = display
    }
  }
  return found
}

/**
 * How well a saved display matches one present now: 3 same id and bounds; 2 same bounds (ids can
 * change after a reboot); 1 same id (its resolution changed); 0 not this display.
 */
function matchScore(saved: PlacementEntry['display'], display: DisplayLike): number {
  if (!saved) return 0
  const sameBounds = sameRect(saved.bounds, display.bounds)
  if (saved.id === display.id) return sameBounds ? 3 : 1
  return sameBounds ? 2 : 0
}

/**
 * The placement to open with, among those saved: the most recent one whose display is present
 * (best match first), else the most recent of all (its size kept), else none. The caller clamps
 * it onto a present display with `restoreBounds`.
 */
export function choosePlacement(state: WindowState | undefined, displays: readonly DisplayLike[]): Placement | undefined {
  let chosen: { entry: PlacementEntry; score: number } | undefined
  for (const entry of state?.entries ?? []) {
    const score = Math.max(0, ...displays.map((display) => matchScore(entry.display, display)))
    if (score === 0) continue
    if (!chosen || entry.savedAt > chosen.entry.savedAt || (entry.savedAt === chosen.entry.savedAt && score > chosen.score)) {
      chosen = { entry, score }
    }
  }
  const newest = (state?.entries ?? []).reduce<PlacementEntry | undefined>((a, b) => (a && a.savedAt >= b.savedAt ? a : b), undefined)
  const entry = chosen?.entry ?? newest
  return entry ? { bounds: entry.bounds, maximized: entry.maximized } : undefined
}

/** The state with `placement` recorded for `display`, replacing that display's entry; oldest dropped past the limit. */
export function recordPlacement(state: WindowState | undefined, placement: Placement, display: DisplayLike, now: number): WindowState {
  const rounded = {
    x: Math.round(placement.bounds.x),
    y: Math.round(placement.bounds.y),
    width: Math.round(placement.bounds.width),
    height: Math.round(placement.bounds.height),
  }
  const entry: PlacementEntry = {
    bounds: rounded,
    maximized: placement.maximized,
    display: { id: display.id, bounds: display.bounds },
    savedAt: now,
  }
  // A legacy entry has served its purpose once a real one exists.
  const others = (state?.entries ?? []).filter((e) => e.display !== null && matchScore(e.display, display) < 3)
  const entries = [entry, ...others].sort((a, b) => b.savedAt - a.savedAt).slice(0, MAX_DISPLAYS)
  return { version: 2, entries }
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
    const parsed = fileSchema.safeParse(JSON.parse(text))
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
