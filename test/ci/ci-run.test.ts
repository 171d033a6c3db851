/**
 * `.ci/run`'s install step, run for real with stand-ins for dpkg-query, apt-get, fc-list and npm on PATH:
 * packages already installed are never reinstalled, and missing ones are installed in one apt-get call.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..', '..')

function stub(dir: string, name: string, body: string): void {
  const file = join(dir, name)
  writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`)
  chmodSync(file, 0o755)
}

/** Runs `.ci/run` with every outside command replaced; returns what apt-get and npm were asked to do. */
function runCi(missing: string[]): { code: number | null; apt: string; npm: string; stderr: string } {
  const bin = mkdtempSync(join(tmpdir(), 'mira-ci-'))
  const log = (name: string) => join(bin, `${name}.log`)
  const missingList = missing.join(' ')
  stub(bin, 'dpkg-query', `for p in ${missingList}; do [ "\${@: -1}" = "$p" ] && { echo "dpkg-query: no packages found matching $p" >&2; exit 1; }; done; printf 'install ok installed'`)
  // A long font list whose match comes first: a reader that stops early makes fc-list die of SIGPIPE.
  stub(bin, 'fc-list', `echo 'Noto Sans CJK JP:style=Regular DejaVu Sans'; for i in $(seq 1 20000); do echo "/usr/share/fonts/font-$i.ttf: Font $i"; done`)
  for (const tool of ['chromium', 'espeak-ng', 'sox']) stub(bin, tool, 'exit 0')
  stub(bin, 'apt-get', `echo "$*" >> '${log('apt')}'`)
  stub(bin, 'npm', `echo "$*" >> '${log('npm')}'`)
  const result = spawnSync('bash', [join(ROOT, '.ci', 'run')], { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` }, encoding: 'utf8' })
  const read = (name: string) => {
    try {
      return readFileSync(log(name), 'utf8')
    } catch {
      return ''
    }
  }
  return { code: result.status, apt: read('apt'), npm: read('npm'), stderr: result.stderr }
}

describe('.ci/run', () => {
  it('installs nothing when every package is there, then runs npm ci and npm test', () => {
    const run = runCi([])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.apt).toBe('')
    expect(run.npm.split('\n').filter(Boolean)).toEqual(['ci --no-audit --no-fund', 'test'])
  })

  it('installs exactly the missing packages, the speech-recognition ones included', () => {
    const run = runCi(['pocketsphinx', 'pulseaudio', 'fonts-noto-cjk'])
    expect(run.code).toBe(0)
    const lines = run.apt.split('\n').filter(Boolean)
    expect(lines[0]).toBe('update -qq')
    expect(lines[1]).toBe('install -y -qq --no-install-recommends pocketsphinx pulseaudio fonts-noto-cjk')
    expect(lines).toHaveLength(2)
  })
})
