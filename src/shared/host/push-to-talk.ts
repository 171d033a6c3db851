/**
 * System-wide push-to-talk (desktop app): the keys offered, and what the shell could do with the
 * one chosen. `hold`: a key hook sees the key go down and up anywhere (talk while held). `toggle`:
 * only a global shortcut could be had, which hears presses but not releases (press to start,
 * press again to send). `unavailable`: neither, or not a desktop app; `reason` says why.
 */
import { z } from 'zod'

/** Keys that type nothing in other apps and that both the hook and Electron's accelerators know. */
export const GLOBAL_PTT_KEYS = ['Ctrl+Alt+Space', 'Ctrl+Shift+Space', 'F7', 'F8', 'F9'] as const
export type GlobalPttKey = (typeof GLOBAL_PTT_KEYS)[number]

export const GLOBAL_PTT_REASONS = ['desktop-only', 'wayland', 'accessibility', 'hook-failed', 'shortcut-taken'] as const

export const globalPttStatusSchema = z.object({
  mode: z.enum(['off', 'hold', 'toggle', 'unavailable']),
  key: z.enum(GLOBAL_PTT_KEYS).optional(),
  /** Why not `hold`: a web page (`desktop-only`), a Wayland session, macOS without Accessibility, the hook failed to start, the shortcut belongs to another app. */
  reason: z.enum(GLOBAL_PTT_REASONS).optional(),
  /** The hook's own error, for `hook-failed`. */
  detail: z.string().max(500).optional(),
})
export type GlobalPttStatus = z.infer<typeof globalPttStatusSchema>

export const setGlobalPttRequestSchema = z.object({ key: z.enum(GLOBAL_PTT_KEYS).nullable() }).strict()
