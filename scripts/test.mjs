#!/usr/bin/env node
// `npm test`: type check, lint, unit/integration tests (vitest), end-to-end tests (Playwright),
// then one closing line with the totals. Every step runs even when an earlier one fails, so one
// run shows every problem; the exit code is non-zero when any step failed.
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const reports = join(root, 'test-results', 'reports')
mkdirSync(reports, { recursive: true })
const only = process.argv.slice(2)

const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  {
    name: 'unit',
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`],
    counts: () => {
      const r = JSON.parse(readFileSync(join(reports, 'vitest.json'), 'utf8'))
      return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }
    },
  },
  {
    name: 'e2e',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') },
    counts: () => {
      const s = JSON.parse(readFileSync(join(reports, 'playwright.json'), 'utf8')).stats
      return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }
    },
  },
].filter((step) => only.length === 0 || only.includes(step.name))

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now()
    console.log(`\n── ${step.name}: ${step.cmd.join(' ')}`)
    const child = spawn(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } })
    child.on('close', (code) => resolve({ code: code ?? 1, seconds: (Date.now() - started) / 1000 }))
  })
}

const totals = { passed: 0, failed: 0, skipped: 0 }
const summary = []
for (const step of steps) {
  const { code, seconds } = await run(step)
  let counts
  try {
    counts = step.counts?.()
  } catch {
    counts = undefined
  }
  if (counts) for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0
  // A step with no countable tests (typecheck, lint) counts as one check.
  else if (code === 0) totals.passed += 1
  if (code !== 0 && (!counts || counts.failed === 0)) totals.failed += 1
  summary.push(`${step.name.padEnd(10)} ${code === 0 ? 'ok  ' : 'FAIL'} ${seconds.toFixed(1)} s${counts ? `  (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : ''}`)
}
console.log(`\n${summary.join('\n')}`)
if (existsSync(join(reports, 'playwright.json'))) console.log(`screenshots: ${join(root, 'test-results')}`)
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
