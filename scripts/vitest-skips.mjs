// A vitest reporter that keeps what the JSON report drops: why each test was skipped (`ctx.skip(note)`).
// scripts/test.mjs passes it an output file and prints the list in its summary.
import { writeFileSync } from 'node:fs'
import { relative } from 'node:path'

export default class SkipReasons {
  skipped = []

  onInit(vitest) {
    this.root = vitest.config.root
  }

  onTestCaseResult(testCase) {
    const result = testCase.result()
    if (result.state !== 'skipped') return
    const file = relative(this.root ?? process.cwd(), testCase.module.moduleId)
    const todo = testCase.options?.mode === 'todo'
    this.skipped.push({ file, name: testCase.fullName, reason: result.note ?? (todo ? 'todo' : undefined) })
  }

  onTestRunEnd() {
    const file = process.env.MIRA_VITEST_SKIPS
    if (file) writeFileSync(file, `${JSON.stringify(this.skipped, null, 2)}\n`)
  }
}
