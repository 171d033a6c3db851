/** Where Mira keeps its files (settings, secrets, outbox, the companion's data). */
import { posix, win32 } from 'node:path'

/**
 * The data directory: `MIRA_DATA_DIR` when set, else the platform's per-user config folder —
 * `~/.config/Mira` on Linux (or `$XDG_CONFIG_HOME/Mira`), `~/Library/Application Support/Mira` on
 * macOS, `%APPDATA%/Mira` on Windows. Electron's `userData` resolves to the same folders, so the
 * app, web mode and the CLI share one settings file.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const override = env.MIRA_DATA_DIR?.trim()
  if (override) return override
  // The target platform's separators, so the answer is right whatever machine computes it.
  if (platform === 'win32') return win32.join(env.APPDATA?.trim() || win32.join(home, 'AppData', 'Roaming'), 'Mira')
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Mira')
  return posix.join(env.XDG_CONFIG_HOME?.trim() || posix.join(home, '.config'), 'Mira')
}

export const SETTINGS_FILE = 'settings.json'
export const SECRETS_FILE = 'secrets.json'
