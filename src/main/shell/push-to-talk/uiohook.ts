/**
 * The key hook behind system-wide push-to-talk: uiohook-napi (libuiohook; prebuilt N-API binaries
 * for Linux, macOS and Windows, so no compiler), imported only when the feature is turned on.
 */
import type { HookKeyEvent, KeyHook } from './global-push-to-talk'

export async function loadUiohook(): Promise<KeyHook> {
  const { uIOhook, UiohookKey } = await import('uiohook-napi')
  const codes: Record<string, number> = UiohookKey
  let running = false
  return {
    start(listener) {
      uIOhook.removeAllListeners()
      const forward = (down: boolean) => (event: Omit<HookKeyEvent, 'down'>) =>
        listener({ down, keycode: event.keycode, ctrlKey: event.ctrlKey, altKey: event.altKey, shiftKey: event.shiftKey, metaKey: event.metaKey })
      uIOhook.on('keydown', forward(true))
      uIOhook.on('keyup', forward(false))
      if (!running) uIOhook.start()
      running = true
    },
    stop() {
      uIOhook.removeAllListeners()
      if (running) uIOhook.stop()
      running = false
    },
    keycode: (name) => codes[name],
  }
}
