/**
 * What the host says (link reasons, notices, message reasons) reaches the screen in the reader's
 * language: a refused token, a malformed frame and an answer cut off by a lost connection, with the
 * browser in Japanese. The server's own words stay as they are, quoted inside the Japanese sentence.
 */
import { expect, slowAnswer, test, TOKEN } from './fixtures'
import { launchWeb } from './support/launch'

test.skip(({ target }) => target !== 'web', 'The browser language is set on the web target')

test('a refused token: the status and the hint in Japanese, with the server’s reason quoted', async ({ agent, lazyBrowser }, testInfo) => {
  const mira = await launchWeb({ serverUrl: agent.url, token: 'not-the-right-token', browser: lazyBrowser, locale: 'ja-JP', openConversation: true })
  try {
    const { page } = mira
    const status = page.getByRole('status')
    await expect(status).toHaveText('トークン拒否')
    const host = new URL(agent.url).host
    await expect(page.getByText(`${host} が起動時に渡されたトークン（--token または MIRA_TOKEN、Invalid authentication token）を拒否しました。正しいトークンで Mira を起動し直してください。`)).toBeVisible()
    // Given at start, the token is not in Settings: Settings is not offered as the fix.
    await expect(page.getByRole('button', { name: '設定を開く' })).toHaveCount(0)
    await page.screenshot({ path: testInfo.outputPath('ja-token-rejected.png') })
    await page.setViewportSize({ width: 360, height: 720 })
    await page.screenshot({ path: testInfo.outputPath('ja-token-rejected-360.png') })
    // Even at 360 px the status keeps its words on screen, whole (an ellipsis would cut longer ones).
    const words = status.locator('.status__label')
    await expect(words).toHaveCSS('text-overflow', 'ellipsis')
    await expect(words).toHaveText('トークン拒否')
    await expect(words).toBeInViewport({ ratio: 1 })
    expect(mira.problems).toEqual([])
  } finally {
    await mira.close()
  }
})

test('a malformed frame and a server error: notices in Japanese', async ({ agent, lazyBrowser }, testInfo) => {
  const mira = await launchWeb({ serverUrl: agent.url, token: 'e2e-token', browser: lazyBrowser, locale: 'ja-JP', colorScheme: 'dark', openConversation: true })
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

test('an answer cut off by a lost connection: the answer and the message say so in Japanese', async ({ agent, lazyBrowser }, testInfo) => {
  const mira = await launchWeb({ serverUrl: agent.url, token: TOKEN, browser: lazyBrowser, locale: 'ja-JP', openConversation: true })
  try {
    const { page } = mira
    const status = page.getByRole('status')
    await expect(status).toHaveText('接続済み')
    agent.answer = slowAnswer('This answer will not get to its end because the line goes dead', 150)
    await page.getByRole('textbox', { name: 'メッセージ' }).fill('長い話をして')
    await page.keyboard.press('Enter')
    const answer = page.getByRole('article', { name: 'Mira' })
    await expect(answer).toContainText('This answer')
    agent.dropAll()
    await expect(answer).toContainText('途切れました · 回答の途中で接続が切れました。再試行でもう一度聞けます。')
    const mine = page.getByRole('article', { name: 'あなた' })
    await expect(mine).toContainText('中断')
    await expect(mine).toContainText('回答の途中で接続が切れました。再試行でもう一度聞けます。')
    await expect(mine).not.toContainText('Connection lost')
    await expect(status).toHaveText('接続済み', { timeout: 15_000 })
    await page.screenshot({ path: testInfo.outputPath('ja-cut-off.png') })
    expect(mira.problems).toEqual([])
  } finally {
    await mira.close()
  }
})
