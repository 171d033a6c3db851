import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  MAX_DISPLAYS,
  choosePlacement,
  displayOf,
  loadWindowState,
  recordPlacement,
  restoreBounds,
  saveWindowState,
  type DisplayLike,
  type Rect,
  type WindowState,
} from '../../src/main/shell/window/window-state'

const limits = { width: 1100, height: 760, minWidth: 420, minHeight: 480 }
const primary: Rect = { x: 0, y: 25, width: 1920, height: 1055 }
const right: Rect = { x: 1920, y: 0, width: 1280, height: 1024 }

describe('restoreBounds', () => {
  it('centres the default size on the primary display when nothing was saved', () => {
    expect(restoreBounds(undefined, [primary, right], primary, limits)).toEqual({ x: 410, y: 173, width: 1100, height: 760 })
  })

  it('keeps saved bounds that are fully visible', () => {
    const saved = { x: 2000, y: 100, width: 800, height: 600 }
    expect(restoreBounds(saved, [primary, right], primary, limits)).toEqual(saved)
  })

  it('moves a window hanging off the edge back inside the display it mostly covers', () => {
    expect(restoreBounds({ x: 2900, y: 900, width: 800, height: 600 }, [primary, right], primary, limits)).toEqual({
      x: 2400,
      y: 424,
      width: 800,
      height: 600,
    })
    expect(restoreBounds({ x: -300, y: -50, width: 800, height: 600 }, [primary], primary, limits)).toEqual({ x: 0, y: 25, width: 800, height: 600 })
  })

  it('centres on the primary display when the saved display is gone', () => {
    const onUnpluggedMonitor = { x: 3500, y: 100, width: 800, height: 600 }
    expect(restoreBounds(onUnpluggedMonitor, [primary], primary, limits)).toEqual({ x: 560, y: 253, width: 800, height: 600 })
    // A sliver of a few pixels does not count as visible.
    expect(restoreBounds({ x: 1900, y: 100, width: 800, height: 600 }, [primary], primary, limits).x).toBe(560)
  })

  it('shrinks a window larger than its display, but never below the display itself', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 600 }
    expect(restoreBounds({ x: 0, y: 0, width: 3000, height: 2000 }, [small], small, limits)).toEqual({ x: 0, y: 0, width: 1024, height: 600 })
    const tiny: Rect = { x: 0, y: 0, width: 400, height: 300 }
    expect(restoreBounds(undefined, [tiny], tiny, limits)).toEqual({ x: 0, y: 0, width: 400, height: 300 })
  })

  it('grows a saved size below the minimum', () => {
    expect(restoreBounds({ x: 10, y: 30, width: 100, height: 100 }, [primary], primary, limits)).toEqual({ x: 10, y: 30, width: 420, height: 480 })
  })
})

const laptop: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } }
const monitor: DisplayLike = { id: 7, bounds: { x: 1440, y: 0, width: 2560, height: 1440 }, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } }
const onLaptop = { bounds: { x: 100, y: 100, width: 800, height: 600 }, maximized: false }
const onMonitor = { bounds: { x: 2000, y: 200, width: 1200, height: 900 }, maximized: true }

describe('per-display placement', () => {
  it('finds the display a window mostly covers, or the primary one', () => {
    expect(displayOf({ x: 1300, y: 100, width: 800, height: 600 }, [laptop, monitor], laptop)).toBe(monitor)
    expect(displayOf({ x: 100, y: 100, width: 800, height: 600 }, [laptop, monitor], monitor)).toBe(laptop)
    expect(displayOf({ x: 9000, y: 9000, width: 800, height: 600 }, [laptop, monitor], monitor)).toBe(monitor)
  })

  it('remembers one place per display and opens on the last one still present', () => {
    let state = recordPlacement(undefined, onLaptop, laptop, 1000)
    state = recordPlacement(state, onMonitor, monitor, 2000)
    expect(state.entries).toHaveLength(2)
    // Docked: the monitor was used last.
    expect(choosePlacement(state, [laptop, monitor])).toEqual(onMonitor)
    // Undocked: the laptop's own place comes back, not the monitor's.
    expect(choosePlacement(state, [laptop])).toEqual(onLaptop)
    // Moved back to the laptop, then docked again: the laptop place is now the newest.
    state = recordPlacement(state, { ...onLaptop, bounds: { ...onLaptop.bounds, x: 300 } }, laptop, 3000)
    expect(state.entries).toHaveLength(2)
    expect(choosePlacement(state, [laptop, monitor])?.bounds.x).toBe(300)
  })

  it('recognises a display by its bounds when its id changed, and by its id when its resolution changed', () => {
    const state = recordPlacement(undefined, onMonitor, monitor, 1000)
    expect(choosePlacement(state, [laptop, { ...monitor, id: 99 }])).toEqual(onMonitor)
    const bigger = { ...monitor, bounds: { ...monitor.bounds, width: 3840, height: 2160 } }
    expect(choosePlacement(state, [laptop, bigger])).toEqual(onMonitor)
  })

  it('with no known display present, keeps the newest size (restoreBounds then centres it)', () => {
    const state = recordPlacement(recordPlacement(undefined, onLaptop, laptop, 1000), onMonitor, monitor, 2000)
    const projector: DisplayLike = { id: 3, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }
    const placement = choosePlacement(state, [projector])
    expect(placement).toEqual(onMonitor)
    // On the projector the monitor position is off-screen: same size, centred.
    expect(restoreBounds(placement?.bounds, [projector.workArea], projector.workArea, limits)).toEqual({ x: 360, y: 90, width: 1200, height: 900 })
    expect(choosePlacement(undefined, [projector])).toBeUndefined()
  })

  it('rounds fractional bounds and keeps at most a few displays, newest first', () => {
    let state: WindowState | undefined
    for (let i = 0; i < MAX_DISPLAYS + 3; i++) {
      const display: DisplayLike = { id: i, bounds: { x: i * 2000, y: 0, width: 1920, height: 1080 }, workArea: { x: i * 2000, y: 0, width: 1920, height: 1080 } }
      state = recordPlacement(state, { bounds: { x: i * 2000 + 10.4, y: 20.6, width: 800.5, height: 600 }, maximized: false }, display, i)
    }
    expect(state?.entries).toHaveLength(MAX_DISPLAYS)
    expect(state?.entries[0]).toMatchObject({ savedAt: MAX_DISPLAYS + 2, bounds: { x: (MAX_DISPLAYS + 2) * 2000 + 10, y: 21, width: 801, height: 600 } })
  })
})

describe('window-state.json', () => {
  let dir: string
  const logs: string[] = []
  const log = (line: string): void => void logs.push(line)
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mira-window-state-'))
    logs.length = 0
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('round-trips through the file, leaving no temporary file', async () => {
    const file = join(dir, 'nested', 'window-state.json')
    const state = recordPlacement(recordPlacement(undefined, onLaptop, laptop, 1), onMonitor, monitor, 2)
    saveWindowState(file, state)
    await expect(loadWindowState(file, log)).resolves.toEqual(state)
    expect(await readdir(join(dir, 'nested'))).toEqual(['window-state.json'])
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 2 })
  })

  it('reads a version 1 file as a place on an unknown display, replaced by the first real save', async () => {
    const file = join(dir, 'window-state.json')
    await writeFile(file, JSON.stringify({ version: 1, bounds: { x: -10, y: 20, width: 800, height: 600 }, maximized: true }))
    const legacy = await loadWindowState(file, log)
    expect(choosePlacement(legacy, [laptop])).toEqual({ bounds: { x: -10, y: 20, width: 800, height: 600 }, maximized: true })
    expect(recordPlacement(legacy, onLaptop, laptop, 5).entries).toEqual([{ ...onLaptop, display: { id: 1, bounds: laptop.bounds }, savedAt: 5 }])
    expect(logs).toEqual([])
  })

  it('ignores a missing, non-JSON or invalid file', async () => {
    const file = join(dir, 'window-state.json')
    await expect(loadWindowState(file, log)).resolves.toBeUndefined()
    expect(logs).toEqual([])
    await writeFile(file, '{ nope')
    await expect(loadWindowState(file, log)).resolves.toBeUndefined()
    await writeFile(file, JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: -5, height: 10 } }))
    await expect(loadWindowState(file, log)).resolves.toBeUndefined()
    await writeFile(file, JSON.stringify({ version: 2, entries: [{ bounds: onLaptop.bounds, display: { id: 'x' }, savedAt: 1 }] }))
    await expect(loadWindowState(file, log)).resolves.toBeUndefined()
    expect(logs).toHaveLength(3)
  })

  it('refuses to write invalid state', () => {
    const entry = { bounds: { x: 0.5, y: 0, width: 10, height: 10 }, maximized: false, display: null, savedAt: 0 }
    expect(() => saveWindowState(join(dir, 'w.json'), { version: 2, entries: [entry] })).toThrow()
  })
})
