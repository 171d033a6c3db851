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

/** Resolves when every finite animation and transition has ended (the avatar's idle loop never does). */
export const SETTLE_ANIMATIONS = `Promise.all(document.getAnimations()
  .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map((a) => a.finished.catch(() => undefined)))`

let source: Promise<string> | undefined
const axeSource = (): Promise<string> =>
  (source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))

/** A serious or critical violation fails a check; minor and moderate ones are only printed. */
export const isSerious = (violation: AxeViolation): boolean => violation.impact !== null && FAILING.has(violation.impact)

/**
 * Every violation on the page as it is now, or only inside `include` (a CSS selector): an open
 * popover covers part of the page, and what it hides is checked without it.
 */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(await axeSource())
  const context = include ? JSON.stringify({ include: [include] }) : 'document'
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(${context}, {
      runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }))
  })()`)) as AxeViolation[]
  return violations
}

export async function seriousViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  return (await axeViolations(page, include)).filter(isSerious)
}

/** One readable block per rule: what is wrong, where, and how axe says to fix it. */
export function formatViolations(screen: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${screen}: no violations`
  const blocks = violations.map((v) => {
    const nodes = v.nodes.map((n) => {
      const summary = (n.failureSummary ?? '').split('\n').map((line) => `        ${line.trim()}`).join('\n')
      return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n${summary}`
    })
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`
  })
  const serious = violations.filter(isSerious).length
  return `${screen}: ${serious} serious/critical, ${violations.length - serious} minor/moderate violation(s)\n${blocks.join('\n')}`
}
