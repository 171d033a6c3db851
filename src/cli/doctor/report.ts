/** The doctor's table (or JSON document). */
import { formatMs } from '../text'
import type { CheckResult } from './check'

export function renderTable(url: string | undefined, checks: CheckResult[]): string {
  const nameWidth = Math.max(5, ...checks.map((c) => c.name.length)) + 2
  const row = (name: string, result: string, time: string, detail: string) =>
    `${name.padEnd(nameWidth)}${result.padEnd(8)}${time.padStart(8)}   ${detail}`.trimEnd()
  const lines = [`mira doctor${url ? `: ${url}` : ''}`, '', row('CHECK', 'RESULT', 'TIME', 'DETAIL')]
  for (const check of checks) {
    lines.push(row(check.name, check.state, check.ms === undefined ? '-' : formatMs(check.ms), check.detail))
    if (check.state === 'fail' && check.hint) lines.push(`${' '.repeat(nameWidth)}hint: ${check.hint}`)
  }
  const failed = checks.filter((c) => c.state === 'fail').length
  lines.push('', failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`)
  return `${lines.join('\n')}\n`
}

export function renderJson(url: string | undefined, checks: CheckResult[]): string {
  const ok = checks.every((c) => c.state !== 'fail')
  return `${JSON.stringify({ ok, server: url ?? null, checks })}\n`
}
