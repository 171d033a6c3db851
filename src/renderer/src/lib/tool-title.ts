/**
 * A tool card's friendly title: what the character did, in words ("Checked the clock · 9:16"),
 * for the tools Mira's companion server has and any tool by its name otherwise. The raw name
 * stays on the opened card.
 */
import { key, raw, type LocalText } from './local-text'
import { summarizeToolArgs } from './tool-format'

export interface ToolTitle {
  title: LocalText
  /** What came of it, or what it was asked, in a few words. */
  glimpse: string
}

const record = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'string') {
    try {
      return record(JSON.parse(value) as unknown)
    } catch {
      return {}
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

/** `HH:MM` of an ISO local time (`2026-12-03T09:16:05+09:00` → `9:16`). */
function clockOf(result: Record<string, unknown>): string {
  const match = /T(\d{2}):(\d{2})/.exec(text(result.local) || text(result.iso))
  return match ? `${Number(match[1])}:${match[2]}` : ''
}

export function toolTitle(name: string, args: unknown, result: unknown): ToolTitle {
  const a = record(args)
  const r = record(result)
  if (name === 'get_current_time' || /(^|_)(time|clock)($|_)/.test(name)) return { title: key('tools.clock'), glimpse: clockOf(r) }
  if (name === 'calculator') {
    const expression = text(a.expression)
    const value = text(r.result ?? r.value)
    return { title: key('tools.calculator'), glimpse: expression && value ? `${expression} = ${value}` : expression }
  }
  if (name === 'remember_note') return { title: key('tools.remember'), glimpse: summarizeToolArgs(a.text ?? args, 48) }
  if (name === 'recall_notes') return { title: key('tools.recall'), glimpse: typeof r.total === 'number' ? String(r.total) : '' }
  return { title: key('tools.used', { name: raw(name.replace(/[_-]+/g, ' ').trim() || name) }), glimpse: summarizeToolArgs(args) }
}
