/**
 * Problems said in one plain sentence with the action that fixes it. A dead server with no token is
 * a server that cannot be reached (never a token problem); the reason shows without hovering; the
 * empty stage invites nothing while nothing can answer. Seen at three sizes, in English and
 * Japanese, light and dark.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'
import { HORIZONTAL_OVERFLOW } from './support/page-scripts'

/** Nothing listens on port 1 of the loopback address. */
const DEAD_SERVER = 'ws://127.0.0.1:1/v1/chat/stream'

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
  { width: 390, height: 844 },
]

const WORDS = {
  en: { locale: 'en-US', unreachable: 'Can’t reach 127.0.0.1:1 — is the server running?', test: 'Test connection', settings: 'Open Settings', cannot: 'Mira can’t answer yet.', invite: 'Say anything', dialog: 'Settings', failed: 'Failed', tcp: 'Network (TCP)' },
  ja: { locale: 'ja-JP', unreachable: '127.0.0.1:1 に接続できません — サーバーは起動していますか？', test: '接続テスト', settings: '設定を開く', cannot: 'Mira はまだ答えられません。', invite: '何でも話しかけて', dialog: '設定', failed: '失敗', tcp: 'ネットワーク（TCP）' },
}

async function deadServer(page: Page, words: (typeof WORDS)['en']): Promise<void> {
  const hint = page.locator('#connection-problem')
  await expect(hint).toHaveText(new RegExp(`^${words.unreachable}`), { timeout: 15_000 })
  await expect(hint.getByRole('button', { name: words.test })).toBeVisible()
  await expect(hint.getByRole('button', { name: words.settings })).toBeVisible()
  // The status pill is focusable, and its description is the same sentence (keyboard and screen readers).
  await expect(page.getByRole('status')).toHaveAccessibleDescription(words.unreachable)
  await expect(page.getByText(/token|トークン/i)).toHaveCount(0)
  await expect(page.locator('.shell__welcome').getByText(words.cannot)).toBeVisible()
  await expect(page.getByText(words.invite)).toHaveCount(0)
  await expect(page.locator('[data-empty-state] button')).toHaveCount(0)
  expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
}

for (const size of SIZES) {
  for (const [lang, words] of Object.entries(WORDS)) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`a dead server with no token: can't reach it, with Test connection and Settings (${size.width}×${size.height} ${lang} ${scheme})`, async ({ lazyBrowser, target }, testInfo) => {
        test.skip(target !== 'web', 'The server address and the browser language are set on the web target')
        const mira = await launchWeb({ serverUrl: DEAD_SERVER, token: '', browser: lazyBrowser, locale: words.locale, viewport: size, colorScheme: scheme })
        try {
          const { page } = mira
          await deadServer(page, words)
          await page.screenshot({ path: testInfo.outputPath(`dead-${size.width}-${lang}-${scheme}.png`) })
          if (size.width === 1280 || size.width === 390) {
            // Test connection opens Settings and runs the test there: the network check fails.
            await page.locator('#connection-problem').getByRole('button', { name: words.test }).click()
            const dialog = page.getByRole('dialog', { name: words.dialog })
            await expect(dialog).toBeVisible()
            const tcp = dialog.getByRole('listitem').filter({ hasText: words.tcp })
            await expect(tcp).toContainText(words.failed, { timeout: 15_000 })
            await page.screenshot({ path: testInfo.outputPath(`dead-${size.width}-${lang}-${scheme}-test.png`) })
          }
          expect(mira.problems).toEqual([])
        } finally {
          await mira.close()
        }
      })
    }
  }
}

test.describe('a wrong token in a narrow dark window', () => {
  test.use({ appToken: 'not-the-right-token', viewport: { width: 390, height: 844 }, colorScheme: 'dark', conversationOpen: false })

  test('said once, whole, with no Reconnect now, and no invitation to talk', async ({ mira }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Token refused')
    await expect(page.getByText('Invalid authentication token')).toHaveCount(1)
    await expect(page.locator('#connection-problem')).toBeInViewport({ ratio: 1 })
    await expect(page.getByRole('button', { name: 'Reconnect now' })).toHaveCount(0)
    await expect(page.locator('.shell__welcome').getByText('Mira can’t answer yet.')).toBeVisible()
    expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
    await page.screenshot({ path: testInfo.outputPath('token-390-dark.png') })
  })
})
