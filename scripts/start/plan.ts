/**
 * `npm start` decides between the Electron app and web mode. Pure: every fact about the machine
 * comes in as an argument, so the decision is tested without Electron or a display.
 */
export interface BinaryState {
  /** The Electron executable `node_modules/electron` points at. */
  path: string
  present: boolean
}

export interface InstallResult {
  ok: boolean
  /** One line: why the download failed (or what it did). */
  detail: string
}

export interface LaunchInputs {
  platform: NodeJS.Platform
  env: Readonly<Record<string, string | undefined>>
  binary: BinaryState
  /** The result of trying to download the binary; absent when not tried yet. */
  install?: InstallResult
}

export type LaunchPlan =
  | { action: 'electron'; binary: string }
  | { action: 'install' }
  | { action: 'web'; reason: string }

export function hasDisplay(platform: NodeJS.Platform, env: LaunchInputs['env']): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true
  return Boolean(env.DISPLAY?.trim() || env.WAYLAND_DISPLAY?.trim())
}

export type FinalPlan = Exclude<LaunchPlan, { action: 'install' }>

/** Asks for `install` at most once: given an install result, the answer is final. */
export function planLaunch(inputs: LaunchInputs & { install: InstallResult }): FinalPlan
export function planLaunch(inputs: LaunchInputs): LaunchPlan
export function planLaunch(inputs: LaunchInputs): LaunchPlan {
  const noBinary = 'the Electron binary is not installed'
  // Without a display even a freshly downloaded Electron could not show a window: no download then.
  if (!hasDisplay(inputs.platform, inputs.env)) {
    const noDisplay = 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)'
    return { action: 'web', reason: inputs.binary.present ? noDisplay : `${noDisplay} and ${noBinary}` }
  }
  if (inputs.binary.present) return { action: 'electron', binary: inputs.binary.path }
  if (!inputs.install) return { action: 'install' }
  if (!inputs.install.ok) return { action: 'web', reason: `${noBinary} and could not be downloaded (${inputs.install.detail})` }
  return { action: 'web', reason: `the Electron binary is still missing after the download (${inputs.binary.path})` }
}

export const webModeNotice = (reason: string): string => `Electron is not available: ${reason}; starting Mira in web mode instead.`

/** Network failures, as Node and the downloader name them. */
const NETWORK_ERROR = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up/i

/**
 * Why the installer failed, in plain words: "no network" for any network error (never a raw
 * `TypeError: fetch failed`), else its error line without the error class.
 */
export function installFailureDetail(output: string, fallback: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '))
  const error = lines.find((line) => /^[A-Za-z]*Error\b|^Error:|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN/.test(line))
  if (lines.some((line) => NETWORK_ERROR.test(line))) return 'no network connection to the download server'
  const line = error ?? lines.at(-1)
  return line ? line.replace(/^[A-Za-z]*Error:\s*/, '') : fallback
}
