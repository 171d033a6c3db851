import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadWindowState, restoreBounds, saveWindowState, type Rect } from '../../src/main/shell/window/window-state'

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
    saveWindowState(file, { version: 1, bounds: { x: -10, y: 20, width: 800, height: 600 }, maximized: true })
    await expect(loadWindowState(file, log)).resolves.toEqual({ version: 1, bounds: { x: -10, y: 20, width: 800, height: 600 }, maximized: true })
    expect(await readdir(join(dir, 'nested'))).toEqual(['window-state.json'])
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 })
  })

  it('ignores a missing, non-JSON or invalid file', async () => {
    const file = join(dir, 'window-state.json')
    await expect(loadWindowState(file, log)).resolves.toBeUndefined()
    expect(logs).toEqual([])
    await writeFile(file, '{ nope')
    await expect(loadWindowState(file, log)).resolves.toBeUndefined()
    await writeFile(file, JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: -5, height: 10 } }))
    await expect(loadWindowState(file, log)).resolves.toBeUndefined()
    expect(logs).toHaveLength(2)
  })

  it('refuses to write invalid state', () => {
    expect(() => saveWindowState(join(dir, 'w.json'), { version: 1, bounds: { x: 0.5, y: 0, width: 10, height: 10 }, maximized: false })).toThrow()
  })
})
