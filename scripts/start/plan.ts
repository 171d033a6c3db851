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
  // Checked first: without a display even a freshly downloaded Electron could not show a window.
  if (!hasDisplay(inputs.platform, inputs.env)) return { action: 'web', reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' }
  if (inputs.binary.present) return { action: 'electron', binary: inputs.binary.path }
  if (!inputs.install) return { action: 'install' }
  if (!inputs.install.ok) return { action: 'web', reason: `binary could not be downloaded: ${inputs.install.detail}` }
  return { action: 'web', reason: `binary still missing after the download (${inputs.binary.path})` }
}

export const webModeNotice = (reason: string): string =>
  `Electron is not available (${reason}); starting Mira in web mode instead.`

/** The line of an installer's output that says what went wrong: the last error-looking one. */
export function installFailureDetail(output: string, fallback: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '))
  const error = lines.find((line) => /^[A-Za-z]*Error\b|^Error:|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN/.test(line))
  return error ?? lines.at(-1) ?? fallback
}
