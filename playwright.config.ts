/**
 * End-to-end tests: the real core behind the web host, in Debian's Chromium (never a downloaded
 * browser), against the in-process fake agent server. The `electron` project runs the same specs
 * through Playwright's `_electron` where an Electron binary exists, and skips them (saying why)
 * where it does not. `MIRA_E2E_TARGET=web|electron` picks one project.
 */
import { defineConfig } from '@playwright/test'
import type { E2eOptions } from './e2e/fixtures'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium'


const projects = [
  { name: 'web', use: { target: 'web' as const } },
  { name: 'electron', use: { target: 'electron' as const } },
].filter((p) => !process.env.MIRA_E2E_TARGET || p.name === process.env.MIRA_E2E_TARGET)

export default defineConfig<E2eOptions>({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  // Last resorts only (specs wait on states and events): CI may run at load 15 on two cores.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Two workers on two cores: the specs wait on events, not on time, and many of them spend their
  // time waiting on real-time audio, so a second worker roughly halves the run. The whole suite
  // passed this way at load 13. `MIRA_E2E_WORKERS=1` runs one file at a time (e.g. to debug).
  workers: Number(process.env.MIRA_E2E_WORKERS ?? 2),
  // Tests, not files, are handed out to the workers: a long file (the VAD timing, the settings at
  // every size) is shared by both instead of running alone at the end. Every test starts its own
  // app, and the files' temporary audio is per worker process.
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  use: {
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1100, height: 720 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects,
})
