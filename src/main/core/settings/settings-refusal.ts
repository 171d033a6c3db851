/**
 * A settings update the schema refused, as a `HostError` the renderer can word: the kinds of issue
 * it knows (a bound, an empty name, a choice…) as their own text code with the path and bound as
 * params; any other issue as `settingsInvalid` with the schema's English words. The English text is
 * always `Invalid settings: <path>: <the schema's words>` (the dialog puts it on the field it names).
 */
import type { z } from 'zod'
import { HostError } from '../../../shared/host/commands'
import type { HostTextParams } from '../../../shared/host/host-text'

type Issue = z.core.$ZodIssue

export function invalidSettings(error: z.ZodError): HostError {
  const detail = describeIssue(error)
  const text = `Invalid settings: ${detail}`
  const issue = error.issues[0]
  const known = issue?.path.length ? knownIssue(issue) : undefined
  if (!issue || !known) return new HostError('invalid-request', text, { textCode: 'settingsInvalid', params: { detail } })
  const params: HostTextParams = { path: issue.path.join('.'), detail: issue.message, ...known.params }
  return new HostError('invalid-request', text, { textCode: known.code, params })
}

/** The first issue, with its path: `historyLimit: Too small: expected number to be >=1`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid value'
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message
}

function knownIssue(issue: Issue): { code: string; params?: HostTextParams } | undefined {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number') return { code: 'settingsTooSmall', params: { min: Number(issue.minimum) } }
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'settingsEmpty' }
      return undefined
    case 'too_big':
      if (issue.origin === 'number') return { code: 'settingsTooBig', params: { max: Number(issue.maximum) } }
      if (issue.origin === 'string') return { code: 'settingsTooLong', params: { max: Number(issue.maximum) } }
      return undefined
    case 'invalid_type':
      return issue.expected === 'number' ? { code: 'settingsNotNumber' } : undefined
    case 'invalid_value':
      return { code: 'settingsNotAChoice' }
    case 'custom':
      // The one rule across fields: an endpoint needs a model.
      return issue.path.join('.') === 'companion.llmModel' ? { code: 'settingsModelNeeded' } : undefined
    default:
      return undefined
  }
}
