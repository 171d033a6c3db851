import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exitCodeOf, runCaptured, runInherited } from '../../scripts/start/child'
import { electronBinary, platformExecutable } from '../../scripts/start/electron-binary'
import { hasDisplay, installFailureDetail, planLaunch, webModeNotice } from '../../scripts/start/plan'
import { BUILD_OUTPUTS, buildNeeded } from '../../scripts/start/staleness'

const present = { path: '/e/dist/electron', present: true }
const missing = { path: '/e/dist/electron', present: false }
const x11 = { DISPLAY: ':0' }

describe('planLaunch', () => {
  it('runs Electron when the binary is there and there is a display', () => {
    expect(planLaunch({ platform: 'linux', env: x11, binary: present })).toEqual({ action: 'electron', binary: '/e/dist/electron' })
    expect(planLaunch({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, binary: present }).action).toBe('electron')
    expect(planLaunch({ platform: 'darwin', env: {}, binary: present }).action).toBe('electron')
    expect(planLaunch({ platform: 'win32', env: {}, binary: present }).action).toBe('electron')
  })

  it('asks for one download attempt when the binary is missing, then decides', () => {
    expect(planLaunch({ platform: 'linux', env: x11, binary: missing })).toEqual({ action: 'install' })
    expect(planLaunch({ platform: 'linux', env: x11, binary: present, install: { ok: true, detail: 'downloaded' } }).action).toBe('electron')
    const offline = installFailureDetail('TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n', 'fallback')
    expect(planLaunch({ platform: 'linux', env: x11, binary: missing, install: { ok: false, detail: offline } })).toEqual({
      action: 'web',
      reason: 'the Electron binary is not installed and could not be downloaded (no network connection to the download server)',
    })
    expect(planLaunch({ platform: 'darwin', env: {}, binary: missing, install: { ok: true, detail: 'downloaded' } })).toEqual({
      action: 'web',
      reason: 'the Electron binary is still missing after the download (/e/dist/electron)',
    })
  })

  it('goes to web mode without a display on Linux, without trying a download, naming everything missing', () => {
    for (const env of [{}, { DISPLAY: '' }, { DISPLAY: '  ', WAYLAND_DISPLAY: '' }]) {
      expect(planLaunch({ platform: 'linux', env, binary: missing })).toEqual({
        action: 'web',
        reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset) and the Electron binary is not installed',
      })
      expect(planLaunch({ platform: 'linux', env, binary: present })).toEqual({
        action: 'web',
        reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)',
      })
    }
    expect(hasDisplay('darwin', {})).toBe(true)
  })

  it('says it in one line', () => {
    const plan = planLaunch({ platform: 'linux', env: {}, binary: missing })
    const line = webModeNotice(plan.action === 'web' ? plan.reason : '')
    expect(line).toBe(
      'Electron is not available: there is no display (DISPLAY and WAYLAND_DISPLAY are unset) and the Electron binary is not installed; starting Mira in web mode instead.',
    )
    expect(line).not.toContain('\n')
  })
})

describe('installFailureDetail', () => {
  it('says a network failure in plain words, never as a raw error', () => {
    const output = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async downloadArtifact (x.js:1:1)\n'
    expect(installFailureDetail(output, 'fallback')).toBe('no network connection to the download server')
    expect(installFailureDetail('Downloading…\nRequestError: getaddrinfo ENOTFOUND github.com\n', 'fallback')).toBe('no network connection to the download server')
  })

  it('picks the error line out of other output, without its error class', () => {
    expect(installFailureDetail('Downloading…\nHTTPError: Response code 404 (Not Found)\n    at x (y.js:1:1)\n', 'fallback')).toBe(
      'Response code 404 (Not Found)',
    )
    expect(installFailureDetail('something odd\nlast words\n', 'fallback')).toBe('last words')
    expect(installFailureDetail('', 'fallback')).toBe('fallback')
  })
})

describe('with files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mira-start-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('finds the Electron binary without running electron/index.js', async () => {
    expect(electronBinary(dir, 'linux', {})).toEqual({ path: join(dir, 'dist', 'electron'), present: false })
    expect(electronBinary(dir, 'darwin', {}).path).toBe(join(dir, 'dist', platformExecutable('darwin')))
    await mkdir(join(dir, 'dist', 'bin'), { recursive: true })
    await writeFile(join(dir, 'path.txt'), 'bin/electron-custom')
    expect(electronBinary(dir, 'linux', {})).toEqual({ path: join(dir, 'dist', 'bin', 'electron-custom'), present: false })
    await writeFile(join(dir, 'dist', 'bin', 'electron-custom'), '')
    expect(electronBinary(dir, 'linux', {}).present).toBe(true)
    expect(electronBinary(dir, 'linux', { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'elsewhere') })).toEqual({
      path: join(dir, 'elsewhere', 'bin', 'electron-custom'),
      present: false,
    })
  })

  it('rebuilds when a bundle is missing or a source is newer than the bundles', async () => {
    await mkdir(join(dir, 'src', 'main', 'shell'), { recursive: true })
    await writeFile(join(dir, 'src', 'main', 'shell', 'a.ts'), '')
    await writeFile(join(dir, 'package.json'), '{}')
    expect(buildNeeded(dir)).toBe('out/main/index.js is missing')

    const old = new Date('2024-01-01T00:00:00Z')
    const built = new Date('2024-01-02T00:00:00Z')
    for (const path of [join(dir, 'src', 'main', 'shell', 'a.ts'), join(dir, 'src', 'main', 'shell'), join(dir, 'src', 'main'), join(dir, 'src'), join(dir, 'package.json')]) {
      await utimes(path, old, old)
    }
    for (const output of BUILD_OUTPUTS) {
      await mkdir(join(dir, output, '..'), { recursive: true })
      await writeFile(join(dir, output), '')
      await utimes(join(dir, output), built, built)
    }
    expect(buildNeeded(dir)).toBeUndefined()

    const edited = new Date('2024-01-03T00:00:00Z')
    await utimes(join(dir, 'src', 'main', 'shell', 'a.ts'), edited, edited)
    expect(buildNeeded(dir)).toBe('src changed since the last build')
  })
})

describe('child processes', () => {
  it('passes exit codes through, and signal deaths as 128 + signal', async () => {
    const cwd = process.cwd()
    await expect(runInherited(process.execPath, ['-e', 'process.exit(3)'], { cwd })).resolves.toBe(3)
    await expect(runInherited(process.execPath, ['-e', "process.kill(process.pid, 'SIGTERM')"], { cwd })).resolves.toBe(143)
    await expect(runInherited(join(cwd, 'no-such-program'), [], { cwd })).resolves.toBe(127)
    expect(exitCodeOf(null, 'SIGINT')).toBe(130)
  })

  it('captures output and gives up after the timeout', async () => {
    const cwd = process.cwd()
    await expect(runCaptured(process.execPath, ['-e', "console.error('boom'); process.exit(2)"], { cwd })).resolves.toEqual({
      code: 2,
      output: 'boom\n',
      timedOut: false,
    })
    const slow = await runCaptured(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { cwd, timeoutMs: 200 })
    expect(slow.timedOut).toBe(true)
    expect(slow.code).not.toBe(0)
  })

  it('passes a stop signal on to the child and exits with its code', async () => {
    const launcher = spawn(process.execPath, ['bin/run-ts.mjs', 'test/shell/fixtures/forwarding-launcher.ts'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    const ready = new Promise<void>((resolve) => {
      launcher.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8')
        if (output.includes('ready')) resolve()
      })
    })
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)))
    await ready
    launcher.kill('SIGTERM')
    await expect(exited).resolves.toBe(7)
    expect(output).toContain('child got SIGTERM')
  })
})
