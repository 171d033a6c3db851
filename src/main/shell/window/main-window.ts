/**
 * The main window: sandboxed, context-isolated, our preload only; hidden until its first paint;
 * opened where it was last closed on the displays present now (see window-state.ts).
 */
import { BrowserWindow, screen } from 'electron'
import { appStartUrl, type AppLocation } from '../app-location'
import { secureWebPreferences } from './security'
import { choosePlacement, displayOf, loadWindowState, recordPlacement, restoreBounds, saveWindowState, type SizeLimits } from './window-state'
import { messageOf } from '../../../shared/errors'

const LIMITS: SizeLimits = { width: 1100, height: 760, minWidth: 420, minHeight: 480 }

export interface MainWindowOptions {
  location: AppLocation
  preload: string
  icon: string
  /** `window-state.json` in userData. */
  stateFile: string
  log: (line: string) => void
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const { log } = options
  const saved = await loadWindowState(options.stateFile, log)
  const displays = screen.getAllDisplays()
  const placement = choosePlacement(saved, displays)
  const workAreas = displays.map((display) => display.workArea)
  const bounds = restoreBounds(placement?.bounds, workAreas, screen.getPrimaryDisplay().workArea, LIMITS)
  const window = new BrowserWindow({
    ...bounds,
    minWidth: LIMITS.minWidth,
    minHeight: LIMITS.minHeight,
    show: false,
    title: 'Mira',
    icon: options.icon,
    webPreferences: secureWebPreferences(options.preload),
  })
  window.once('ready-to-show', () => {
    if (placement?.maximized) window.maximize()
    window.show()
  })
  window.on('close', () => {
    const normal = window.getNormalBounds()
    try {
      const display = displayOf(normal, screen.getAllDisplays(), screen.getPrimaryDisplay())
      const state = recordPlacement(saved, { bounds: normal, maximized: window.isMaximized() }, display, Date.now())
      saveWindowState(options.stateFile, state)
    } catch (error) {
      log(`window-state: not saved: ${messageOf(error)}`)
    }
  })
  window.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`))
  window.loadURL(appStartUrl(options.location)).catch((error: unknown) => {
    log(`could not load the app page: ${messageOf(error)}`)
    // Without a first paint `ready-to-show` never comes: an empty window beats an invisible app.
    if (!window.isDestroyed()) window.show()
  })
  return window
}
