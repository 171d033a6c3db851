#!/usr/bin/env node
// `npm test`: type check, lint and unit/integration tests (vitest) side by side (the checks are single-threaded,
// the unit tests often wait on processes and sockets), then end-to-end tests (Playwright), then a summary: time
// per stage, the slowest files, every skipped test with its reason, and one closing line with the totals. Every step runs even when an earlier
// one fails, so one run shows every problem; the exit code is non-zero when any step failed.
// `node scripts/test.mjs unit` (or typecheck, typecheck:node, typecheck:web, lint, e2e) runs only those;
// `node scripts/test.mjs unit -- test/cli` passes what follows `--` on to that step.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const reports = join(root, 'test-results', 'reports')
mkdirSync(reports, { recursive: true })
const report = (name) => join(reports, name)
const dashes = process.argv.indexOf('--')
const only = process.argv.slice(2, dashes === -1 ? undefined : dashes)
// `node scripts/test.mjs e2e -- e2e/chat.spec.ts`: what follows `--` goes to the step's own command.
const passed = dashes === -1 ? [] : process.argv.slice(dashes + 1)

const vitestCounts = () => {
  const r = JSON.parse(readFileSync(report('vitest.json'), 'utf8'))
  // A file that failed to load has no failed test of its own; count it once.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length
  return { passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles, skipped: r.numPendingTests + r.numTodoTests }
}

const playwrightCounts = () => {
  const s = JSON.parse(readFileSync(report('playwright.json'), 'utf8')).stats
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }
}

/** Steps of one stage run side by side; stages run one after the other. */
const stages = [
  [
    { name: 'typecheck:node', cmd: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.node.json'], group: 'typecheck' },
    { name: 'typecheck:web', cmd: ['npx', 'vue-tsc', '--noEmit', '-p', 'tsconfig.web.json'], group: 'typecheck' },
    { name: 'lint', cmd: ['npx', 'eslint', '.'] },
    // Beside them: the unit tests spend much of their time waiting on child processes and sockets.
    {
      name: 'unit',
      cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report('vitest.json')}`, '--reporter=./scripts/vitest-skips.mjs'],
      env: { MIRA_VITEST_SKIPS: report('vitest-skips.json') },
      reports: ['vitest.json', 'vitest-skips.json'],
      counts: vitestCounts,
      notes: vitestNotes,
    },
  ],
  [
    {
      name: 'e2e',
      cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: report('playwright.json') },
      reports: ['playwright.json'],
      counts: playwrightCounts,
      notes: playwrightNotes,
    },
  ],
]
  .map((steps) => steps.filter((step) => only.length === 0 || only.includes(step.name) || only.includes(step.group)))
  .filter((steps) => steps.length > 0)
  .map((steps) => steps.map((step) => ({ ...step, cmd: [...step.cmd, ...passed] })))

/** Runs a step; alone it shares our terminal, beside others its output is kept and printed when it ends. */
function run(step, alone) {
  for (const name of step.reports ?? []) rmSync(report(name), { force: true })
  return new Promise((resolve) => {
    const started = Date.now()
    console.log(`\n── ${step.name}: ${step.cmd.join(' ')}${alone ? '' : ' (side by side)'}`)
    const child = spawn(step.cmd[0], step.cmd.slice(1), {
      cwd: root,
      stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...step.env },
    })
    const output = []
    child.stdout?.on('data', (chunk) => output.push(chunk))
    child.stderr?.on('data', (chunk) => output.push(chunk))
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)))
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000
      if (!alone) {
        const text = Buffer.concat(output).toString('utf8').trim()
        console.log(`\n── ${step.name} ${code === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s${text ? `:\n${text}` : ''}`)
      }
      resolve({ code: code ?? 1, seconds })
    })
  })
}

function top(files, what) {
  const sorted = files.sort((a, b) => b.s - a.s).slice(0, 5)
  return sorted.length ? [`slowest ${what} files: ${sorted.map((f) => `${f.file} ${f.s.toFixed(1)} s`).join(', ')}`] : []
}

/** Where the time went and why tests were skipped, from vitest's reports (vitest-skips.mjs keeps the notes). */
function vitestNotes() {
  const r = JSON.parse(readFileSync(report('vitest.json'), 'utf8'))
  const slow = top(r.testResults.map((f) => ({ file: relative(root, f.name), s: (f.endTime - f.startTime) / 1000 })), 'unit')
  const skips = JSON.parse(readFileSync(report('vitest-skips.json'), 'utf8')).map((t) => ({
    test: `${t.file} › ${t.name}`,
    reason: t.reason ?? 'no reason given (use ctx.skip(reason))',
  }))
  const failures = r.testResults.flatMap((f) => {
    const file = relative(root, f.name)
    const failed = f.assertionResults.filter((a) => a.status === 'failed')
    if (failed.length === 0 && f.status === 'failed') return [`${file}: ${firstLine(f.message)}`]
    return failed.map((a) => `${file} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`)
  })
  return { slow, skips, failures }
}

/** The first non-empty line of an error, without terminal colours, so one failure is one line. */
function firstLine(text = '') {
  // eslint-disable-next-line no-control-regex
  const plain = String(text).replace(/\u001b\[[0-9;]*m/g, '')
  return (plain.split('\n').find((line) => line.trim()) ?? 'no message').trim().slice(0, 300)
}

/** The same from Playwright's report: time per spec file, and each skip's annotation. */
function playwrightNotes() {
  const perFile = new Map()
  const skips = []
  const failures = []
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const seconds = test.results.reduce((sum, result) => sum + result.duration, 0) / 1000
        perFile.set(spec.file, (perFile.get(spec.file) ?? 0) + seconds)
        const where = `[${test.projectName}] e2e/${spec.file}:${spec.line} › ${spec.title}`
        if (test.status === 'unexpected' || test.status === 'flaky') {
          const error = test.results.find((result) => result.error)?.error
          failures.push(`${test.status === 'flaky' ? '(passed on retry) ' : ''}${where}: ${firstLine(error?.message)}`)
        }
        if (test.status !== 'skipped') continue
        const reasons = [...(test.annotations ?? []), ...test.results.flatMap((result) => result.annotations ?? [])]
          .filter((a) => (a.type === 'skip' || a.type === 'fixme') && a.description)
          .map((a) => a.description)
        skips.push({ test: `[${test.projectName}] e2e/${spec.file} › ${spec.title}`, reason: [...new Set(reasons)].join('; ') || 'no reason given' })
      }
    }
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of JSON.parse(readFileSync(report('playwright.json'), 'utf8')).suites) walk(suite)
  return { slow: top([...perFile].map(([file, s]) => ({ file: `e2e/${file}`, s })), 'e2e'), skips, failures }
}

/** One line per skip, except that many skips for one reason (a missing Electron binary) are one line. */
function groupedSkips(list) {
  const byReason = new Map()
  for (const skip of list) byReason.set(skip.reason, [...(byReason.get(skip.reason) ?? []), skip])
  return [...byReason].flatMap(([reason, tests]) =>
    tests.length > 3
      ? [`  ${tests.length} tests (${tests[0].test}, …): ${reason}`]
      : tests.map((skip) => `  ${skip.test}: ${reason}`),
  )
}

const totals = { passed: 0, failed: 0, skipped: 0 }
const summary = []
// Read as each step ends: Playwright empties test-results/ when it starts.
const slow = []
const skips = []
const failures = []
const started = Date.now()
for (const steps of stages) {
  const stageStarted = Date.now()
  const results = await Promise.all(steps.map((step) => run(step, steps.length === 1)))
  steps.forEach((step, i) => {
    const { code, seconds } = results[i]
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
    try {
      const notes = step.notes?.()
      slow.push(...(notes?.slow ?? []))
      skips.push(...(notes?.skips ?? []))
      failures.push(...(notes?.failures ?? []))
    } catch {
      // No report (the step could not run): its failure is already counted.
    }
    const tally = counts ? `  (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : ''
    summary.push(`${step.name.padEnd(15)} ${code === 0 ? 'ok  ' : 'FAIL'} ${seconds.toFixed(1).padStart(6)} s${tally}`)
  })
  if (steps.length > 1) summary.push(`${'(stage, side by side)'.padEnd(20)} ${((Date.now() - stageStarted) / 1000).toFixed(1).padStart(6)} s`)
}
summary.push(`${'total'.padEnd(20)} ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`)

console.log(`\n${summary.join('\n')}`)
for (const line of slow) console.log(line)
if (skips.length) console.log(`\nskipped (${skips.length}):\n${groupedSkips(skips).join('\n')}`)
if (existsSync(report('playwright.json'))) console.log(`screenshots: ${join(root, 'test-results')}`)
// Failures come last, just above the totals, where a log cut to its tail still shows them.
if (failures.length) console.log(`\nfailed (${failures.length}):\n${failures.map((line) => `  ${line}`).join('\n')}`)
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
