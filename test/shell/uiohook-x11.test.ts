/**
 * The real key hook (uiohook-napi's prebuilt binary, loaded by the shell's loader) on a virtual X
 * display (Xvfb), keys typed by xdotool through XTest as a keyboard would: F8 down gives one
 * `press` however many more key-downs follow (auto-repeat), F8 up one `release`. Needs Debian's
 * xvfb and xdotool; skipped, saying so, without them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'

const missing = ['Xvfb', 'xdotool'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
const started: ChildProcess[] = []
afterEach(() => {
  // The hook before its display.
  for (const child of started.splice(0).reverse()) if (child.exitCode === null) child.kill()
})

/** Starts Xvfb on a free display; resolves with its name (`:N`). */
async function startXvfb(): Promise<string> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '320x240x24'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] })
  started.push(xvfb)
  const fd = xvfb.stdio[3]
  if (!fd) throw new Error('no display pipe')
  return new Promise((done, fail) => {
    let text = ''
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) done(`:${text.trim()}`)
    })
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited with ${code}`)))
  })
}

it('F8 held on an X display: one press (repeats ignored), one release', async (ctx) => {
  if (missing.length) ctx.skip(`not installed here: ${missing.join(', ')} (Debian: xvfb xdotool)`)
  const display = await startXvfb()
  const env = { ...process.env, DISPLAY: display }
  const child = spawn(process.execPath, [resolve('bin/run-ts.mjs'), resolve('test/shell/fixtures/uiohook-child.ts')], { env, stdio: ['pipe', 'pipe', 'inherit'] })
  started.push(child)
  const lines: string[] = []
  const waiters: Array<() => void> = []
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line)
    for (const wake of waiters.splice(0)) wake()
  })
  const next = async (count: number): Promise<void> => {
    while (lines.length < count) await new Promise<void>((wake) => waiters.push(wake))
  }
  const xdotool = (...args: string[]) => expect(spawnSync('xdotool', args, { env }).status).toBe(0)

  await next(1)
  expect(lines).toEqual(['ready'])
  xdotool('keydown', 'F8')
  await next(2)
  // The keyboard's auto-repeat: more key-downs while held.
  xdotool('keydown', 'F8')
  xdotool('keydown', 'F8')
  xdotool('keyup', 'F8')
  await next(3)
  // Another key and its release say nothing.
  xdotool('key', 'a')
  xdotool('key', 'F8')
  await next(5)
  const exited = new Promise((done) => child.once('exit', done))
  child.stdin?.end()
  await exited
  expect(lines).toEqual(['ready', 'press', 'release', 'press', 'release'])
})
