/** The settings dialog: inline validation before anything is sent, a custom server with its token, reset, theme. */
import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { join } from 'node:path'
import { expect, test, TOKEN } from './fixtures'
import { HORIZONTAL_OVERFLOW } from './support/page-scripts'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import { deadPort } from '../test/cli/cli-process'
import { openSettings, saveInLanguage, showSection } from './support/settings'

const settingsFile = (dataDir: string) => readFile(join(dataDir, 'settings.json'), 'utf8')

/**
 * Saves the dialog for a server on another origin and waits for the page to reload for its content
 * policy: the old page showed "Connected" too (to the built-in server), so only a marker left on it
 * tells the new page from the old one.
 */
async function saveAndAwaitReload(page: Page, dialog: Locator): Promise<void> {
  await page.evaluate('window.__beforeSave = true')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => page.evaluate('window.__beforeSave === undefined').catch(() => false), { timeout: 30_000 }).toBe(true)
}

test('every field is checked inline before saving, and nothing invalid is saved', async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const before = await settingsFile(dataDir)
  const dialog = await openSettings(page)
  await page.screenshot({ path: testInfo.outputPath('settings-light.png') })

  await showSection(dialog, 'Built-in server')
  await dialog.getByLabel('Endpoint (OpenAI-compatible)').fill('http://127.0.0.1:1/v1')
  await showSection(dialog, 'Connection')
  await dialog.getByRole('radio', { name: /Custom/ }).check()
  await dialog.getByLabel('Server address').fill('ftp://nowhere.example')
  await showSection(dialog, 'Advanced')
  await dialog.getByLabel('Silence timeout (s)').fill('0')
  await dialog.getByLabel('Answer start timeout (s)').fill('2')
  await dialog.getByLabel('Agent id').fill('   ')
  await dialog.getByLabel('Memory window').fill('500')
  await dialog.getByRole('button', { name: 'Save' }).click()
  // The first field to fix is shown and focused, in its own section.
  await expect(dialog.getByLabel('Server address')).toBeFocused()

  await expect(dialog.getByLabel('Server address')).toHaveAccessibleErrorMessage(/must start with ws:\/\/, wss:\/\/, http:\/\/ or https:\/\//)
  await expect(dialog.getByLabel('Silence timeout (s)')).toHaveAccessibleErrorMessage('Must be at least 1 s')
  await expect(dialog.getByLabel('Answer start timeout (s)')).toHaveAccessibleErrorMessage('Must be at least 5 s')
  await expect(dialog.getByLabel('Agent id')).toHaveAccessibleErrorMessage('Must not be empty')
  await expect(dialog.getByLabel('Memory window')).toHaveAccessibleErrorMessage('Must be at most 200')
  // The endpoint's model is a rule across fields: it shows once the single fields are fine.
  await dialog.getByLabel('Server address').fill('ws://127.0.0.1:9/v1/chat/stream')
  await showSection(dialog, 'Advanced')
  await dialog.getByLabel('Silence timeout (s)').fill('30')
  await dialog.getByLabel('Answer start timeout (s)').fill('90')
  await dialog.getByLabel('Agent id').fill('mira')
  await dialog.getByLabel('Memory window').fill('0')
  await expect(dialog.getByLabel('Memory window')).toHaveAccessibleErrorMessage('Must be at least 1')
  await dialog.getByLabel('Memory window').fill('12')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByLabel('Model name')).toHaveAccessibleErrorMessage('Name the model to use with this endpoint')
  // With a custom server the built-in server's section is hidden, but not while one of its fields needs fixing.
  await expect(dialog.getByLabel('Model name')).toBeFocused()
  await expect(dialog.getByRole('tab', { name: 'Built-in server' })).toHaveAttribute('aria-selected', 'true')
  await expect(dialog).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('settings-errors.png') })

  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  expect(await settingsFile(dataDir)).toBe(before)
})

test('the other fields are checked too: model endpoint, rate, ids, name, persona, secrets', async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const before = await settingsFile(dataDir)
  const dialog = await openSettings(page, 'Built-in server')
  await dialog.getByLabel('Endpoint (OpenAI-compatible)').fill('ftp://127.0.0.1/v1')
  await dialog.getByLabel('Speaking rate (words per minute)').fill('10')
  await dialog.getByLabel('API key').fill('k'.repeat(4097))
  await showSection(dialog, 'Character')
  await dialog.getByLabel('Your name').fill('x'.repeat(101))
  await dialog.getByLabel('Persona').fill('p'.repeat(20_001))
  await showSection(dialog, 'Advanced')
  await dialog.getByLabel('User id').fill('')
  await dialog.getByLabel('Silence timeout (s)').fill('601')
  await showSection(dialog, 'Connection')
  await dialog.getByRole('radio', { name: /Custom/ }).check()
  // The app was started with a token: Replace, then nothing typed.
  await dialog.getByRole('group', { name: 'Token' }).getByRole('button', { name: 'Replace' }).click()
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()

  await expect(dialog.getByLabel('Endpoint (OpenAI-compatible)')).toHaveAccessibleErrorMessage(
    'Must be an http:// or https:// address, e.g. http://127.0.0.1:11434/v1',
  )
  await expect(dialog.getByLabel('Speaking rate (words per minute)')).toHaveAccessibleErrorMessage('Must be at least 80')
  await expect(dialog.getByLabel('User id')).toHaveAccessibleErrorMessage('Must not be empty')
  await expect(dialog.getByLabel('Your name')).toHaveAccessibleErrorMessage('At most 100 characters')
  await expect(dialog.getByLabel('Persona')).toHaveAccessibleErrorMessage('At most 20000 characters')
  await expect(dialog.getByLabel('Silence timeout (s)')).toHaveAccessibleErrorMessage('Must be at most 600 s')
  await expect(dialog.getByLabel('API key')).toHaveAccessibleErrorMessage('At most 4096 characters')
  await expect(dialog.getByLabel('Token', { exact: true })).toHaveAccessibleErrorMessage('Type the new value, or cancel the change')
  await showSection(dialog, 'Built-in server')
  await dialog.getByLabel('Speaking rate (words per minute)').fill('500')
  await expect(dialog.getByLabel('Speaking rate (words per minute)')).toHaveAccessibleErrorMessage('Must be at most 450')
  await showSection(dialog, 'Connection')
  await dialog.getByLabel('Server address').fill('ws://user:pw@127.0.0.1:9')
  await expect(dialog.getByLabel('Server address')).toHaveAccessibleErrorMessage('Put the token in the token field, not in the address')
  await dialog.getByLabel('Server address').fill('')
  await expect(dialog.getByLabel('Server address')).toHaveAccessibleErrorMessage('The server address is empty')
  await page.screenshot({ path: testInfo.outputPath('settings-more-errors.png') })
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  expect(await settingsFile(dataDir)).toBe(before)
})

test.describe('on its own settings', () => {
  test.use({ useAgent: false })

  test('switching to a custom server with its token connects, and the token never reaches the page', async ({ mira, agent }, testInfo) => {
    const { page } = mira
    // First the built-in server.
    await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 15_000 })
    const dialog = await openSettings(page)
    await dialog.getByRole('radio', { name: /Custom/ }).check()
    await dialog.getByLabel('Server address').fill(agent.url.replace('ws://', 'http://').replace('/v1/chat/stream', ''))
    await dialog.getByLabel('Token', { exact: true }).fill(TOKEN)
    // A server on another origin: the page reloads for its content policy (focus starts afresh).
    await saveAndAwaitReload(page, dialog)
    await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 30_000 })
    await agent.waitForFrame((f) => f.type === 'authorize' && f.token === TOKEN)
    expect(await page.content()).not.toContain(TOKEN)
    // The new server's images load: the page took the content policy for the new server's origin.
    await page.getByRole('button', { name: 'Backgrounds' }).click()
    const night = page.getByRole('dialog', { name: 'Backgrounds' }).getByRole('button', { name: 'Night', exact: true })
    await expect(night.locator('img')).toHaveJSProperty('complete', true)
    await expect(night.locator('img')).not.toHaveJSProperty('naturalWidth', 0)
    await page.keyboard.press('Escape')

    await openSettings(page)
    await expect(dialog.getByText('A token is saved')).toBeVisible()
    await expect(dialog.getByLabel('Server address')).toHaveValue(agent.url)
    expect(await page.content()).not.toContain(TOKEN)
    await page.screenshot({ path: testInfo.outputPath('custom-server.png') })
  })

  test('the saved token is not sent to a new address on another server: the dialog asks for its token', async ({ mira, agent }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 15_000 })
    let dialog = await openSettings(page)
    await dialog.getByRole('radio', { name: /Custom/ }).check()
    await dialog.getByLabel('Server address').fill(agent.url)
    await dialog.getByLabel('Token', { exact: true }).fill(TOKEN)
    await saveAndAwaitReload(page, dialog)
    await agent.waitForFrame((f) => f.type === 'authorize' && f.token === TOKEN)
    await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 30_000 })

    // A second server on another port, which would even accept the first one's token.
    const other = await FakeAgentServer.start({ token: TOKEN })
    try {
      const previous = `The saved token belongs to the previous server (${new URL(agent.url).origin}) and is not sent to this one. Type this server’s token.`
      dialog = await openSettings(page)
      await expect(dialog.getByText('A token is saved')).toBeVisible()
      await dialog.getByLabel('Server address').fill(other.url)
      await expect(dialog.getByText('A token is saved')).toBeHidden()
      await expect(dialog.getByLabel('Token', { exact: true })).toHaveAccessibleDescription(previous)
      await dialog.getByRole('button', { name: 'Test connection' }).click()
      const tokenCheck = dialog.getByRole('listitem').filter({ has: page.getByText('Token', { exact: true }) })
      await expect(tokenCheck).toContainText('no token to send', { timeout: 15_000 })
      await expect(tokenCheck).toContainText('Type the server’s token above.')
      await tokenCheck.scrollIntoViewIfNeeded()
      await page.screenshot({ path: testInfo.outputPath('token-other-server.png') })
      await dialog.getByRole('button', { name: 'Save' }).click()
      await expect(dialog).toBeHidden()
      await expect(page.getByRole('status')).toHaveText('Token needed', { timeout: 30_000 })
      await expect(page.getByText(`${new URL(other.url).host} needs a token: enter it in Settings.`)).toBeVisible()

      // The link's hint opens the dialog at the token field, which still says why.
      await page.getByRole('button', { name: 'Open Settings' }).click()
      await expect(dialog.getByLabel('Token', { exact: true })).toBeFocused()
      await expect(dialog.getByLabel('Token', { exact: true })).toHaveAccessibleDescription(previous)
      await page.screenshot({ path: testInfo.outputPath('token-other-server-saved.png') })
      // In Japanese, in a narrow window: the words fit.
      await showSection(dialog, 'Appearance')
      await dialog.getByLabel('Language').selectOption('ja')
      await saveInLanguage(page, { dialog: '設定', save: '保存' })
      await page.setViewportSize({ width: 360, height: 720 })
      await page.getByRole('button', { name: '設定', exact: true }).click()
      dialog = page.getByRole('dialog', { name: '設定' })
      const tokenJa = dialog.getByLabel('トークン', { exact: true })
      await expect(tokenJa).toHaveAccessibleDescription(/^保存済みのトークンは前のサーバー（ws:\/\/127\.0\.0\.1:\d+）用のため/)
      await tokenJa.scrollIntoViewIfNeeded()
      expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
      await page.screenshot({ path: testInfo.outputPath('token-other-server-ja-narrow.png') })
      await dialog.getByRole('button', { name: 'キャンセル' }).click()
      // The connection test reached it, the link did not present the token: it never got the first token.
      expect(other.connectionCount).toBeGreaterThan(0)
      expect(other.framesOfType('authorize').map((r) => r.frame.token)).not.toContain(TOKEN)
    } finally {
      await other.stop()
    }
  })
})

test('Test connection runs the doctor’s checks on what the dialog holds: all pass, a wrong token, a dead address', async ({ mira }, testInfo) => {
  const { page } = mira
  // Pings within the checks' 3 s wait, so the ping check passes too.
  const pinging = await FakeAgentServer.start({ token: TOKEN, pingIntervalMs: 200 })
  try {
    await expect(page.getByRole('status')).toHaveText('Connected')
    const dialog = await openSettings(page)
    const test = dialog.getByRole('button', { name: 'Test connection' })
    const check = (name: string) => dialog.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) })
    const names = ['Address', 'Network (TCP)', 'WebSocket', 'Token', 'Ping', 'REST API', 'Speech (TTS)']

    // The saved token (never sent to the page) with a typed, unsaved address.
    await dialog.getByRole('radio', { name: /Custom/ }).check()
    await dialog.getByLabel('Server address').fill(pinging.url)
    await test.click()
    await expect(dialog.getByText('All checks passed.')).toBeVisible({ timeout: 15_000 })
    for (const name of names) await expect(check(name)).toContainText('Passed')
    await expect(check('Speech (TTS)')).toContainText('WAV, 16000 Hz, mono')
    expect(await page.content()).not.toContain(TOKEN)
    await check('Speech (TTS)').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('connection-test-pass.png') })
    await page.setViewportSize({ width: 360, height: 720 })
    expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
    await check('Speech (TTS)').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('connection-test-pass-narrow.png') })
    await page.setViewportSize({ width: 1100, height: 720 })

    // A wrong token typed in the dialog: authorize fails with the hint; changing the token cleared the old results.
    await dialog.getByRole('group', { name: 'Token' }).getByRole('button', { name: 'Replace' }).click()
    await dialog.getByLabel('Token', { exact: true }).fill('not-the-token')
    await expect(dialog.getByRole('list')).toBeHidden()
    await test.click()
    await expect(dialog.getByText('1 check failed.')).toBeVisible({ timeout: 15_000 })
    await expect(check('Token')).toContainText('Failed')
    await expect(check('Token')).toContainText('the server refused the token')
    await expect(check('Token')).toContainText('Check the token above: the server did not accept it.')
    await expect(check('Ping')).toContainText('Skipped')
    await expect(check('REST API')).toContainText('Passed')
    await check('Token').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('connection-test-fail.png') })
    await page.setViewportSize({ width: 360, height: 720 })
    expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
    await check('Token').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('connection-test-fail-narrow.png') })
    await page.setViewportSize({ width: 1100, height: 720 })

    // A closed port: tcp fails at once and nothing after it runs.
    const port = await deadPort()
    await dialog.getByLabel('Server address').fill(`127.0.0.1:${port}`)
    await test.click()
    await expect(dialog.getByText('1 check failed.')).toBeVisible()
    await expect(check('Network (TCP)')).toContainText(`Cannot reach 127.0.0.1:${port} (connection refused)`)
    await expect(check('Network (TCP)')).toContainText('Is the server running on this computer, on this port?')
    for (const name of names.slice(2)) await expect(check(name)).toContainText('Skippednot run: no TCP connection')
    await page.screenshot({ path: testInfo.outputPath('connection-test-dead.png') })
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  } finally {
    await pinging.stop()
  }
})

test('reset to defaults asks first, then brings the defaults back', async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  let dialog = await openSettings(page, 'Advanced')
  await dialog.getByLabel('Agent id').fill('someone-else')
  await dialog.getByLabel('Memory window').fill('25')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  expect(JSON.parse(await settingsFile(dataDir))).toMatchObject({ agentId: 'someone-else', historyLimit: 25 })

  dialog = await openSettings(page, 'Advanced')
  await expect(dialog.getByLabel('Agent id')).toHaveValue('someone-else')
  await dialog.getByRole('button', { name: 'Reset to defaults…' }).click()
  await expect(dialog.getByText('Reset every setting to its default?')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('reset-confirm.png') })
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click()
  await expect(dialog.getByLabel('Agent id')).toHaveValue('mira')
  await expect(dialog.getByLabel('Memory window')).toHaveValue('10')
  await expect(dialog.getByText('Settings are back to their defaults')).toBeVisible()
  expect(JSON.parse(await settingsFile(dataDir))).toMatchObject({ agentId: 'mira', historyLimit: 10 })
})

test('the theme shows at once, Cancel takes it back, Save keeps it; Esc closes and gives focus back', async ({ mira }, testInfo) => {
  const { page } = mira
  const theme = () => page.evaluate('document.documentElement.dataset.theme ?? "system"')
  await expect(page.getByRole('status')).toHaveText('Connected')
  let dialog = await openSettings(page, 'Appearance')
  await dialog.getByLabel('Theme').selectOption('dark')
  await expect.poll(theme).toBe('dark')
  await page.screenshot({ path: testInfo.outputPath('settings-dark.png') })
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused()
  await expect.poll(theme).toBe('system')

  dialog = await openSettings(page, 'Appearance')
  await dialog.getByLabel('Theme').selectOption('dark')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(theme).toBe('dark')
  await page.reload()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect.poll(theme).toBe('dark')
  dialog = await openSettings(page, 'Appearance')
  await expect(dialog.getByLabel('Theme')).toHaveValue('dark')
  await showSection(dialog, 'Advanced')
  await expect(dialog.getByRole('textbox', { name: 'Data folder' })).toHaveValue(mira.dataDir)
})

test('the language shows once chosen and stays after Save: labels, hints and validation messages in Japanese, then Korean', async ({ mira }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  let dialog = await openSettings(page, 'Appearance')
  // Each language's own name, whatever the language in use.
  await expect(dialog.getByLabel('Language').locator('option')).toHaveText(['Like the system', 'English', '日本語', '한국어'])
  await dialog.getByLabel('Language').selectOption('ja')
  await saveInLanguage(page, { dialog: '設定', save: '保存' })
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja')

  dialog = await openSettings(page, '外観', { button: '設定', dialog: '設定' })
  await expect(dialog.getByRole('heading', { name: '外観' })).toBeVisible()
  await expect(dialog.getByLabel('言語').locator('option')).toHaveText(['システムに合わせる', 'English', '日本語', '한국어'])
  await showSection(dialog, '詳細')
  await expect(dialog.getByRole('textbox', { name: 'データフォルダー' })).toHaveValue(mira.dataDir)
  await expect(dialog.getByText('Translations are on their way.')).toHaveCount(0)
  await dialog.getByLabel('エージェント ID').fill(' ')
  await dialog.getByLabel('無応答タイムアウト（秒）').fill('0')
  await dialog.getByLabel('記憶の範囲').fill('')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByLabel('エージェント ID')).toHaveAccessibleErrorMessage('空欄にはできません')
  await expect(dialog.getByLabel('無応答タイムアウト（秒）')).toHaveAccessibleErrorMessage('1 秒以上にしてください')
  await expect(dialog.getByLabel('記憶の範囲')).toHaveAccessibleErrorMessage('数値を入力してください')
  await expect(dialog.getByLabel('記憶の範囲')).toHaveAccessibleDescription(/直近のメッセージ数（1〜200）/)
  await page.screenshot({ path: testInfo.outputPath('settings-ja.png') })
  await page.setViewportSize({ width: 360, height: 720 })
  expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
  await page.screenshot({ path: testInfo.outputPath('settings-ja-narrow.png') })
  await dialog.getByRole('button', { name: 'キャンセル' }).click()
  await page.setViewportSize({ width: 1100, height: 720 })

  dialog = await openSettings(page, '外観', { button: '設定', dialog: '設定' })
  await dialog.getByLabel('言語').selectOption('ko')
  await saveInLanguage(page, { dialog: '설정', save: '저장' })
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
  await page.getByRole('button', { name: '설정', exact: true }).click()
  dialog = page.getByRole('dialog', { name: '설정' })
  await dialog.getByRole('radio', { name: /사용자 지정/ }).check()
  await dialog.getByLabel('서버 주소').fill('ftp://x')
  await dialog.getByRole('button', { name: '저장' }).click()
  await expect(dialog.getByLabel('서버 주소')).toHaveAccessibleErrorMessage('“ftp://x”은(는) ws://, wss://, http://, https:// 중 하나로 시작해야 합니다')
  await page.screenshot({ path: testInfo.outputPath('settings-ko.png') })
  await page.setViewportSize({ width: 360, height: 720 })
  expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
  await expect(dialog.getByRole('button', { name: '저장' })).toBeInViewport()
  await page.screenshot({ path: testInfo.outputPath('settings-ko-narrow.png') })
})

test.describe('in a 360 px window', () => {
  test.use({ viewport: { width: 360, height: 720 }, colorScheme: 'dark' })

  test('the dialog fits', async ({ mira }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    const dialog = await openSettings(page)
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeInViewport()
    expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
    await page.screenshot({ path: testInfo.outputPath('settings-narrow-dark.png') })
  })

  test('the connection test’s results fit, in Japanese', async ({ mira }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    let dialog = await openSettings(page, 'Appearance')
    await dialog.getByLabel('Language').selectOption('ja')
    await saveInLanguage(page, { dialog: '設定', save: '保存' })
    await page.getByRole('button', { name: '設定', exact: true }).click()
    dialog = page.getByRole('dialog', { name: '設定' })
    await dialog.getByRole('radio', { name: /カスタム/ }).check()
    await dialog.getByLabel('サーバーのアドレス').fill(`127.0.0.1:${await deadPort()}`)
    await dialog.getByRole('button', { name: '接続をテスト' }).click()
    await expect(dialog.getByText('1 件のチェックが失敗しました。')).toBeVisible()
    const tcp = dialog.getByRole('listitem').filter({ hasText: 'ネットワーク（TCP）' })
    await expect(tcp).toContainText('失敗')
    await expect(tcp).toContainText('このパソコンでサーバーが動いていますか？')
    // The details too, not only the names and hints.
    await expect(tcp).toContainText(/127\.0\.0\.1:\d+ に接続できません（接続を拒否されました）/)
    await expect(dialog.getByRole('listitem').filter({ hasText: 'WebSocket' })).toContainText('未実行：TCP 接続がありません')
    await tcp.scrollIntoViewIfNeeded()
    expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
    await page.screenshot({ path: testInfo.outputPath('connection-test-ja-narrow-dark.png') })
  })
})

test.describe('with a rejected token saved in Settings', () => {
  test.use({ useAgent: false, viewport: { width: 800, height: 600 } })

  test('the hint opens the settings at the token field, which says the token was refused', async ({ mira, agent }, testInfo) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 15_000 })
    let dialog = await openSettings(page)
    await dialog.getByRole('radio', { name: /Custom/ }).check()
    await dialog.getByLabel('Server address').fill(agent.url)
    await dialog.getByLabel('Token', { exact: true }).fill('not-the-right-token')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('status')).toHaveText('Token refused', { timeout: 30_000 })
    const host = new URL(agent.url).host
    await expect(page.getByText(`${host} refused the token (Invalid authentication token): enter the right one in Settings.`)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Reconnect now' })).toHaveCount(0)
    await page.screenshot({ path: testInfo.outputPath('token-refused.png') })

    await page.getByRole('button', { name: 'Open Settings' }).click()
    dialog = page.getByRole('dialog', { name: 'Settings' })
    const field = dialog.getByLabel('Token', { exact: true })
    await expect(field).toBeFocused()
    await expect(field).toHaveAccessibleDescription('The server refused the saved token: type the right one.')
    await expect(dialog.getByText('A token is saved')).toHaveCount(0)
    await page.screenshot({ path: testInfo.outputPath('token-refused-settings.png') })
    await field.fill(TOKEN)
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    // Saving reconnects with the new token; on a loaded machine that takes a while (a last-resort limit).
    await expect(dialog).toBeHidden({ timeout: 45_000 })
    await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 30_000 })
    await expect(page.locator('#connection-problem')).toHaveCount(0)
  })
})
