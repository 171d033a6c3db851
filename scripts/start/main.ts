/**
 * `npm start`: build `out/` when it is stale, then run the Electron app when this machine can
 * (binary present or downloadable, and a display), else say why in one line and run web mode.
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCaptured, runInherited } from './child'
import { electronBinary } from './electron-binary'
import { installFailureDetail, planLaunch, webModeNotice, type InstallResult } from './plan'
import { buildNeeded } from './staleness'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron')
const INSTALL_TIMEOUT_MS = 60_000
/** Say that a download is under way only when it takes long enough to be noticed. */
const INSTALL_NOTICE_AFTER_MS = 2_000

const say = (line: string): void => void process.stderr.write(`${line}\n`)

async function build(reason: string): Promise<number> {
  say(`Building Mira (${reason})…`)
  const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = await runCaptured(process.execPath, [bin, 'build'], { cwd: ROOT })
  if (result.code !== 0) {
    process.stderr.write(result.output)
    say(`The build failed (exit code ${result.code}).`)
  }
  return result.code
}

async function installElectron(): Promise<InstallResult> {
  const notice = setTimeout(() => say('Downloading the Electron binary…'), INSTALL_NOTICE_AFTER_MS)
  const result = await runCaptured(process.execPath, [join(ELECTRON_DIR, 'install.js')], { cwd: ROOT, timeoutMs: INSTALL_TIMEOUT_MS })
  clearTimeout(notice)
  if (result.timedOut) return { ok: false, detail: `no answer within ${INSTALL_TIMEOUT_MS / 1000} s` }
  if (result.code === 0) return { ok: true, detail: 'downloaded' }
  return { ok: false, detail: installFailureDetail(result.output, `the installer exited with code ${result.code}`) }
}

export async function main(args: string[]): Promise<number> {
  const stale = buildNeeded(ROOT)
  if (stale) {
    const code = await build(stale)
    if (code !== 0) return code
  }
  const facts = { platform: process.platform, env: process.env }
  const first = planLaunch({ ...facts, binary: electronBinary(ELECTRON_DIR, facts.platform, facts.env) })
  const plan =
    first.action === 'install'
      ? planLaunch({ ...facts, binary: electronBinary(ELECTRON_DIR, facts.platform, facts.env), install: await installElectron() })
      : first
  if (plan.action === 'electron') {
    // Set by some tools; it would make Electron run as plain Node.
    const env = { ...process.env }
    delete env.ELECTRON_RUN_AS_NODE
    return runInherited(plan.binary, [ROOT, ...args], { cwd: ROOT, env })
  }
  say(webModeNotice(plan.reason))
  return runInherited(process.execPath, [join(ROOT, 'bin', 'mira.mjs'), 'web', ...args], { cwd: ROOT })
}
