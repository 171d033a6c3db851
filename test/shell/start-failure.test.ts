/**
 * `src/main/index.ts` when start-up fails, against the fake `electron` module: an error box in the
 * system's language, then exit code 1.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./fixtures/fake-electron'))
const fake = await import('./fixtures/fake-electron')

const previousDataDir = process.env.MIRA_DATA_DIR
const scratch = await mkdtemp(join(tmpdir(), 'mira-start-failure-'))

afterAll(async () => {
  if (previousDataDir === undefined) delete process.env.MIRA_DATA_DIR
  else process.env.MIRA_DATA_DIR = previousDataDir
  await rm(scratch, { recursive: true, force: true })
})

describe('a failed start (fake electron)', () => {
  it("says so in the system's language and exits with 1", async () => {
    // A file where the data folder should be: nothing can be stored, so the core cannot start.
    const dataDir = join(scratch, 'not-a-folder')
    await writeFile(dataDir, '')
    process.env.MIRA_DATA_DIR = dataDir
    fake.state.preferredLanguages = ['ja-JP', 'en-US']
    await import('../../src/main/index')
    for (const ready of fake.state.readyResolvers) ready()
    await vi.waitFor(() => expect(fake.state.exitCodes).toEqual([1]), { timeout: 10_000, interval: 25 })
    expect(fake.state.errorBoxes).toHaveLength(1)
    expect(fake.state.errorBoxes[0]).toMatch(/^Miraを起動できませんでした: .+/)
  })
})
