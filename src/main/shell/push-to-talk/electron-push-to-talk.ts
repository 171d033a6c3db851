/**
 * System-wide push-to-talk wired to Electron (thin: the behaviour is in global-push-to-talk.ts):
 * `globalShortcut` for the toggle fallback, the Accessibility check on macOS, and sleep or screen
 * lock releasing a held key.
 */
import { globalShortcut, powerMonitor, systemPreferences } from 'electron'
import { GlobalPushToTalk } from './global-push-to-talk'
import { loadUiohook } from './uiohook'

export function installGlobalPushToTalk(emit: (action: 'press' | 'release') => void, log: (line: string) => void): { ptt: GlobalPushToTalk; dispose(): void } {
  const ptt = new GlobalPushToTalk({
    platform: process.platform,
    wayland: process.env.XDG_SESSION_TYPE === 'wayland',
    x11: Boolean(process.env.DISPLAY),
    accessibilityTrusted: () => process.platform !== 'darwin' || systemPreferences.isTrustedAccessibilityClient(false),
    loadHook: loadUiohook,
    shortcuts: {
      register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
    },
    emit,
    now: () => performance.now(),
    log,
  })
  const interrupted = (): void => ptt.interrupted()
  powerMonitor.on('suspend', interrupted)
  powerMonitor.on('lock-screen', interrupted)
  return {
    ptt,
    dispose() {
      powerMonitor.removeListener('suspend', interrupted)
      powerMonitor.removeListener('lock-screen', interrupted)
      ptt.dispose()
    },
  }
}
