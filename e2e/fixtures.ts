/**
 * The e2e fixtures: `agent`, a fake agent server (test/support/fake-agent-server.ts), and `mira`,
 * the app under test pointed at it — in Chromium through the web host, or as the Electron app.
 */
import { test as base, expect, type Browser } from '@playwright/test'
import { FakeAgentServer, wordTokens, type AnswerScript } from '../test/support/fake-agent-server'
import { electronUnavailable, launchElectron, launchWeb, type E2eTarget, type MiraUnderTest } from './support/launch'

export interface E2eOptions {
  target: E2eTarget
}

export const TOKEN = 'e2e-token'

/** A steady, slow answer: each word 80 ms apart, so streaming is visible on screen. */
export const slowAnswer =
  (text: string, delayMs = 80): AnswerScript =>
  () => [{ tokens: wordTokens(text), delayMs }]

/** The Electron skip reason is printed once per worker, not once per test. */
let skipReported = false

interface Fixtures {
  /** The token the app presents; the fake server accepts only `TOKEN`. */
  appToken: string
  /** False: the app starts on its own settings (the built-in server) instead of pointed at `agent`. */
  useAgent: boolean
  /** The browser's language (web target). */
  appLocale: string
  /**
   * True: the default companion layout starts with its conversation open, as for a user who opened
   * it in an earlier session (the specs about messages read them there). False: the stage alone, as
   * Mira first starts.
   */
  conversationOpen: boolean
  /** True: the avatar is recorded from the page's first moment (see LaunchOptions.recordAvatar). */
  recordAvatar: boolean
  /** Scripts every page runs before the app's own (see LaunchOptions.pageScripts). */
  pageScripts: readonly string[]
  agent: FakeAgentServer
  mira: MiraUnderTest
}

interface WorkerFixtures extends E2eOptions {
  /** Launches Chromium on first use, once per worker (the electron project never does). */
  lazyBrowser: () => Promise<Browser>
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  target: ['web', { option: true, scope: 'worker' }],
  appToken: [TOKEN, { option: true }],
  useAgent: [true, { option: true }],
  appLocale: ['en-US', { option: true }],
  conversationOpen: [true, { option: true }],
  recordAvatar: [false, { option: true }],
  pageScripts: [[], { option: true }],

  lazyBrowser: [
    async ({ playwright, launchOptions }, use) => {
      let browser: Promise<Browser> | undefined
      await use(() => (browser ??= playwright.chromium.launch(launchOptions)))
      if (browser) await (await browser).close()
    },
    { scope: 'worker' },
  ],

  // Playwright reads fixture dependencies from the parameter's object pattern; it must not be empty.
  agent: async ({ target: _target }, use) => {
    const agent = await FakeAgentServer.start({ token: TOKEN })
    await use(agent)
    await agent.stop()
  },

  mira: async ({ target, agent, appToken, useAgent, appLocale, conversationOpen, recordAvatar, pageScripts, lazyBrowser, viewport, colorScheme }, use, testInfo) => {
    if (target === 'electron') {
      const reason = electronUnavailable()
      if (reason && !skipReported) console.log(`[e2e] electron project skipped — ${reason}`)
      skipReported ||= reason !== undefined
      testInfo.skip(reason !== undefined, reason)
    }
    const options = {
      ...(useAgent ? { serverUrl: agent.url } : {}),
      token: appToken,
      browser: lazyBrowser,
      locale: appLocale,
      openConversation: conversationOpen,
      recordAvatar,
      pageScripts,
      ...(viewport ? { viewport } : {}),
      ...(colorScheme === 'light' || colorScheme === 'dark' ? { colorScheme } : {}),
    }
    const mira = target === 'electron' ? await launchElectron(options) : await launchWeb(options)
    await use(mira)
    await mira.close()
    // Uncaught page errors and CSP violations fail the test even when the screen looked right.
    expect(mira.problems).toEqual([])
  },
})

export { expect }
