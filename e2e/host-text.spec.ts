/**
 * What the host says (link reasons, notices) reaches the screen in the reader's language: a
 * refused token and a malformed frame, with the browser in Japanese. The server's own words stay
 * as they are, quoted inside the Japanese sentence.
 */
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'

test.skip(({ target }) => target !== 'web', 'The browser language is set on the web target')

test('a refused token: the status and the hint in Japanese, with the server’s reason quoted', async ({ agent, lazyBrowser }, testInfo) => {
  const mira = await launchWeb({ serverUrl: agent.url, token: 'not-the-right-token', browser: lazyBrowser, locale: 'ja-JP' })
  try {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('トークンが拒否されました — 設定を確認')
    await expect(page.getByText('サーバーがトークンを拒否しました：「Invalid authentication token」')).toBeVisible()
    await expect(page.getByRole('button', { name: '設定を開く' })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('ja-token-rejected.png') })
    await page.setViewportSize({ width: 360, height: 720 })
    await page.screenshot({ path: testInfo.outputPath('ja-token-rejected-360.png') })
    expect(mira.problems).toEqual([])
  } finally {
    await mira.close()
  }
})

test('a malformed frame and a server error: notices in Japanese', async ({ agent, lazyBrowser }, testInfo) => {
  const mira = await launchWeb({ serverUrl: agent.url, token: 'e2e-token', browser: lazyBrowser, locale: 'ja-JP', colorScheme: 'dark' })
  try {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('接続済み')
    expect(agent.send('{"type": "stream_token", "chunk": ')).toBe(1)
    const notices = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: '閉じる' }) })
    await expect(notices).toHaveCount(1)
    await expect(notices).toContainText(['サーバーからの不正なフレームを無視しました：JSON として読めません'])
    agent.send({ type: 'error', error: 'Unsupported message type: foo', code: null })
    await expect(notices).toHaveCount(2)
    await expect(notices.last()).toContainText('サーバーがエラーを返しました：「Unsupported message type: foo」')
    await page.screenshot({ path: testInfo.outputPath('ja-notices-dark.png') })
    expect(mira.problems).toEqual([])
  } finally {
    await mira.close()
  }
})
