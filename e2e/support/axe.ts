/**
 * Runs axe-core in the page and returns its serious and critical violations. The source goes in
 * through the DevTools protocol (`page.evaluate`), which the page's CSP (`script-src 'self'`) does
 * not apply to, so the app is checked under its real policy.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'

export interface AxeNode {
  target: string[]
  html: string
  failureSummary?: string
}

export interface AxeViolation {
  id: string
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null
  help: string
  helpUrl: string
  nodes: AxeNode[]
}

const FAILING = new Set(['serious', 'critical'])
// WCAG 2.1 A/AA plus axe's best practices (landmarks, headings, region).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

let source: Promise<string> | undefined
const axeSource = (): Promise<string> =>
  (source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))

/** Serious and critical violations on the page as it is now (animations settled first). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(await axeSource())
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }))
  })()`)) as AxeViolation[]
  return violations.filter((v) => v.impact !== null && FAILING.has(v.impact))
}

/** One readable block per rule: what is wrong, where, and how axe says to fix it. */
export function formatViolations(screen: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${screen}: no serious or critical violations`
  const blocks = violations.map((v) => {
    const nodes = v.nodes.map((n) => {
      const summary = (n.failureSummary ?? '').split('\n').map((line) => `        ${line.trim()}`).join('\n')
      return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n${summary}`
    })
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`
  })
  return `${screen}: ${violations.length} serious/critical violation(s)\n${blocks.join('\n')}`
}
