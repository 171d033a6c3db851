/** The doctor's rows: the core's connection checks in the CLI's words, plus the CLI's own config and url checks. */
import type { CheckHint, ConnectionCheck } from '../../shared/host/connection-test'
import type { CliConfig } from '../config'

export type CheckState = ConnectionCheck['status']

export interface CheckResult {
  name: string
  state: CheckState
  detail: string
  hint?: string
  /** Absent for checks skipped without running. */
  ms?: number
}

/** What to try, told to someone at a terminal (the app words the same hints its own way). */
const hintText: Record<CheckHint, string> = {
  'url-format': 'Use ws://host:port/v1/chat/stream (or host:port).',
  'start-server': 'Is the server running? Start the built-in one with `npx mira serve`.',
  'check-address': 'Is the server running, and is the address right? Check --server or the address in Settings.',
  'check-path': 'Is this an agent server, and is the path right? The chat stream is at /v1/chat/stream.',
  'add-token': 'Pass --token, set MIRA_TOKEN, or save the token in Settings (a `mira serve` without --token accepts any).',
  'check-token': 'Check the token in Settings or pass --token (or set MIRA_TOKEN).',
  'not-agent-server': 'Is this an agent server speaking /v1/chat/stream?',
  'server-log': "See the server's log for why synthesis failed.",
  'builtin-failed': 'Start the built-in server with `npx mira serve`, or check --server.',
  'choose-agent': 'Pass --agent with one of the agents listed, or set “Agent id” in Settings → Advanced.',
  'choose-kind': 'Pass --protocol with the server’s kind (symindx, dexto, generalbots, lexicon or dmp).',
}

export function fromCore({ id, status, detail, hint, ms }: ConnectionCheck): CheckResult {
  return { name: id, state: status, detail, ...(hint ? { hint: hintText[hint] } : {}), ...(ms === undefined ? {} : { ms }) }
}

export function checkConfig(config: CliConfig): Omit<CheckResult, 'name'> {
  if (config.settingsState === 'invalid' || config.problems.length > 0) {
    return {
      state: 'fail',
      detail: config.problems.join('; '),
      hint: 'Fix the file, or delete it to go back to the defaults (the app will recreate it).',
    }
  }
  if (config.settingsState === 'missing') return { state: 'pass', detail: `no settings file at ${config.settingsFile}: defaults in use` }
  return { state: 'pass', detail: config.settingsFile }
}
