/**
 * Starts Mira for one test, in web mode (the real core behind the web host, in Chromium) or as
 * the Electron app, pointed at a fake agent server, with its own temporary data dir.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { createMiraCore } from '../../src/main/core/host/mira-core'
import { startWebHost } from '../../src/main/core/web'
import { RENDERER_OUT } from '../global-setup'
import { electronBinary } from './electron-binary'
import { RECORD_AVATAR } from './page-scripts'

export type E2eTarget = 'web' | 'electron'

export interface MiraUnderTest {
  page: Page
  dataDir: string
  /** Uncaught page errors and CSP violations seen so far. */
  problems: string[]
  /** Lines the core logged (web target). */
  log: string[]
  /** Web target: the address the page was opened with (its one-time code is used up by then). */
  openedUrl?: string
  /** Web target: stops the web host and starts it again on the same port (same key unless given). */
  restartHost?: (options?: { key?: string }) => Promise<void>
  /**
   * Electron target: the addresses handed to the system browser (`shell.openExternal`, replaced in
   * the main process by a recorder, so no test ever opens a real browser).
   */
  openedExternally?: () => Promise<string[]>
  close(): Promise<void>
}

export interface LaunchOptions {
  /** The server (and token) for this run, as `MIRA_SERVER` / `MIRA_TOKEN` would give; without it, the settings decide. */
  serverUrl?: string
  token: string
  /** Web target only: the browser to open the page in. */
  browser?: () => Promise<Browser>
  viewport?: { width: number; height: number }
  colorScheme?: 'light' | 'dark'
  /** The browser's language (navigator.languages), en-US unless a spec says otherwise. */
  locale?: string
  /**
   * Starts with the conversation open in the companion layout, as a user who opened it in an
   * earlier session finds it (the choice is kept in localStorage; a choice made during the test wins).
   */
  openConversation?: boolean
  /**
   * Records the avatar from the page's first moment (`RECORD_AVATAR`, read with `avatarLog`): what it
   * did before the test could look, such as the greeting at start, is kept.
   */
  recordAvatar?: boolean
  /** Scripts every page runs before the app's own (e.g. `fileMicrophone`). */
  pageScripts?: readonly string[]
  /** Web target: a settings file the app starts with (e.g. a custom server of another kind). */
  settings?: Record<string, unknown>
}

const CONVERSATION_OPEN = `if (localStorage.getItem('mira.conversationOpen') === null) localStorage.setItem('mira.conversationOpen', 'true')`

/** For a spec's own browser context: pages start with the conversation open (see `openConversation`). */
export async function startWithConversationOpen(context: BrowserContext): Promise<void> {
  await context.addInitScript(CONVERSATION_OPEN)
}

const ROOT = resolve(import.meta.dirname, '..', '..')

export async function launchWeb(options: LaunchOptions): Promise<MiraUnderTest> {
  if (!options.browser) throw new Error('launchWeb needs a browser')
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-e2e-'))
  if (options.settings) await writeFile(join(dataDir, 'settings.json'), JSON.stringify(options.settings))
  const log: string[] = []
  const core = await createMiraCore({
    dataDir,
    transport: 'web',
    overrides: options.serverUrl ? { serverUrl: options.serverUrl, token: options.token } : {},
    log: (line) => log.push(line),
    // As `mira web` takes it: a spec points the model downloads at its own loopback server.
    modelBaseUrl: process.env.MIRA_WHISPER_MODEL_URL,
  })
  const key = randomBytes(32).toString('base64url')
  const startHost = (port: number, hostKey: string) =>
    startWebHost({ core, rendererDir: RENDERER_OUT, port, key: hostKey, cspServerOrigin: () => core.serverOrigin(), log: (line) => log.push(line) })
  let host = await startHost(0, key)
  const browser = await options.browser()
  const context = await browser.newContext({
    // The system language the app follows by default; a spec that tests another one sets it itself.
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1100, height: 720 },
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
  })
  if (options.openConversation) await context.addInitScript(CONVERSATION_OPEN)
  if (options.recordAvatar) await context.addInitScript(RECORD_AVATAR)
  for (const script of options.pageScripts ?? []) await context.addInitScript(script)
  const page = await context.newPage()
  const problems = watchPage(page)
  const openedUrl = host.url
  await page.goto(openedUrl)
  return {
    page,
    problems,
    dataDir,
    log,
    openedUrl,
    async restartHost(restart) {
      await host.close()
      host = await startHost(host.port, restart?.key ?? key)
    },
    async close() {
      await context.close()
      await host.close()
      await core.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

function watchPage(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) problems.push(`CSP: ${message.text()}`)
  })
  return problems
}

/** Why the Electron target cannot run here, or undefined when it can. */
export function electronUnavailable(): string | undefined {
  const binary = electronBinary()
  return 'missing' in binary ? `Electron binary not available on this machine: ${binary.missing}` : undefined
}

export async function launchElectron(options: LaunchOptions): Promise<MiraUnderTest> {
  const binary = electronBinary()
  if ('missing' in binary) throw new Error(binary.missing)
  const main = join(ROOT, 'out', 'main', 'index.js')
  if (!existsSync(main)) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 })
    if (built.status !== 0) throw new Error('electron-vite build failed')
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-e2e-'))
  const app = await _electron.launch({
    executablePath: binary.path,
    args: ['--no-sandbox', main],
    cwd: ROOT,
    timeout: 30_000,
    env: { ...process.env, MIRA_DATA_DIR: dataDir, ...(options.serverUrl ? { MIRA_SERVER: options.serverUrl, MIRA_TOKEN: options.token } : {}) },
  })
  await app.evaluate(({ shell }) => {
    const opened: string[] = []
    Object.assign(globalThis, { __miraOpened: opened })
    shell.openExternal = async (url: string) => void opened.push(url)
  })
  const page = await app.firstWindow()
  const problems = watchPage(page)
  if (options.viewport) await page.setViewportSize(options.viewport)
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme })
  if (options.openConversation) await page.addInitScript(CONVERSATION_OPEN)
  if (options.recordAvatar) await page.addInitScript(RECORD_AVATAR)
  for (const script of options.pageScripts ?? []) await page.addInitScript(script)
  if (options.openConversation || options.recordAvatar || options.pageScripts?.length) await page.reload()
  return {
    page,
    problems,
    dataDir,
    log: [],
    openedExternally: () => app.evaluate(() => (globalThis as unknown as { __miraOpened: string[] }).__miraOpened),
    async close() {
      await app.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
