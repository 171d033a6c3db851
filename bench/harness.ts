/**
 * The bench harness: each bench is a module registered in bench/index.ts. Variants of one bench
 * run interleaved (round-robin) after a warm-up, and the median of the rounds is reported, so
 * machine noise hits all variants alike. Results are printed, never asserted.
 */

export interface Bench {
  name: string
  /** One line: what is measured. */
  description: string
  /** Runs only when named (`npm run bench -- NAME`): it needs something beyond the usual (e.g. PulseAudio). */
  optIn?: boolean
  run(): Promise<BenchReport>
}

export interface BenchRow {
  label: string
  /** Median throughput, in `unit`. */
  value: number
  unit: string
  /** value / the baseline row's value, when the bench has a baseline. */
  ratio?: number
}

export interface BenchReport {
  title: string
  rows: BenchRow[]
  notes?: string[]
}

export interface Variant {
  label: string
  /** Processes the whole data set once and returns how many items it handled. */
  pass(): number
}

export interface CompareOptions {
  warmupRounds?: number
  rounds?: number
  /** Every variant runs this many passes per round (enough to make one round last a few ms). */
  passesPerRound?: number
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Items per second for each variant (median over rounds); the first variant is the baseline. */
export function compare(variants: Variant[], unit: string, options: CompareOptions = {}): BenchRow[] {
  const { warmupRounds = 3, rounds = 9, passesPerRound = 1 } = options
  const samples = variants.map(() => [] as number[])
  for (let round = 0; round < warmupRounds + rounds; round++) {
    variants.forEach((variant, i) => {
      let items = 0
      const start = process.hrtime.bigint()
      for (let p = 0; p < passesPerRound; p++) items += variant.pass()
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      if (round >= warmupRounds) samples[i]?.push(items / seconds)
    })
  }
  const medians = samples.map(median)
  const baseline = medians[0] ?? 1
  return variants.map((variant, i) => ({ label: variant.label, value: medians[i] ?? 0, unit, ratio: (medians[i] ?? 0) / baseline }))
}

function formatNumber(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`
  return value.toFixed(1)
}

export function printReport(report: BenchReport): void {
  const lines = report.rows.map((row) => [row.label, `${formatNumber(row.value)} ${row.unit}`, row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`])
  const header = ['', 'median', 'vs baseline']
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? '').length)))
  const format = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('   ')
  console.log(`\n${report.title}`)
  console.log(format(header))
  for (const line of lines) console.log(format(line))
  for (const note of report.notes ?? []) console.log(`  ${note}`)
}
