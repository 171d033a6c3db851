/** `mira doctor --json` run in process, its report parsed, and its checks by name. */
import { main } from '../../src/cli/main'
import { memoryIo } from './memory-io'

export interface DoctorCheck {
  name: string
  state: string
  detail: string
  hint?: string
}

export interface DoctorReport {
  ok: boolean
  checks: DoctorCheck[]
}

export async function doctorJson(args: string[]): Promise<{ code: number; report: DoctorReport; checks: Record<string, DoctorCheck> }> {
  const io = memoryIo()
  const code = await main(['doctor', '--json', ...args], io)
  const report = JSON.parse(io.out) as DoctorReport
  return { code, report, checks: Object.fromEntries(report.checks.map((c) => [c.name, c])) }
}
