/** The settings dialog: inline validation before anything is sent, a custom server with its token, reset, theme. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test, TOKEN } from './fixtures'
import { HORIZONTAL_OVERFLOW } from './support/page-scripts'

const settingsFile = (dataDir: string) => readFile(join(dataDir, 'settings.json'), 'utf8')

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog).toBeVisible()
  return dialog
}

test('every field is checked inline before saving, and nothing invalid is saved', async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  const before = await settingsFile(dataDir)
  const dialog = await openSettings(page)
  await page.screenshot({ path: testInfo.outputPath('settings-light.png') })

  await dialog.getByRole('radio', { name: /Custom/ }).check()
  await dialog.getByLabel('Server address').fill('ftp://nowhere.example')
  await dialog.getByLabel('Silence timeout (s)').fill('0')
  await dialog.getByLabel('Endpoint (OpenAI-compatible)').fill('http://127.0.0.1:1/v1')
  await dialog.getByLabel('Agent id').fill('   ')
  await dialog.getByLabel('Memory window').fill('500')
  await dialog.getByRole('button', { name: 'Save' }).click()

  await expect(dialog.getByLabel('Server address')).toHaveAccessibleErrorMessage(/must start with ws:\/\/, wss:\/\/, http:\/\/ or https:\/\//)
  await expect(dialog.getByLabel('Silence timeout (s)')).toHaveAccessibleErrorMessage('Must be at least 1 s')
  await expect(dialog.getByLabel('Agent id')).toHaveAccessibleErrorMessage('Must not be empty')
  await expect(dialog.getByLabel('Memory window')).toHaveAccessibleErrorMessage('Must be at most 200')
  // The endpoint's model is a rule across fields: it shows once the single fields are fine.
  await dialog.getByLabel('Server address').fill('ws://127.0.0.1:9/v1/chat/stream')
  await dialog.getByLabel('Silence timeout (s)').fill('30')
  await dialog.getByLabel('Agent id').fill('mira')
  await dialog.getByLabel('Memory window').fill('0')
  await expect(dialog.getByLabel('Memory window')).toHaveAccessibleErrorMessage('Must be at least 1')
  await dialog.getByLabel('Memory window').fill('12')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByLabel('Model name')).toHaveAccessibleErrorMessage('Name the model to use with this endpoint')
  await expect(dialog.getByLabel('Model name')).toBeFocused()
  await expect(dialog).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('settings-errors.png') })

  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
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
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused()
    await expect(page.getByRole('status')).toHaveText('Connected', { timeout: 10_000 })
    await agent.waitForFrame((f) => f.type === 'authorize' && f.token === TOKEN)
    expect(await page.content()).not.toContain(TOKEN)

    await openSettings(page)
    await expect(dialog.getByText('A token is saved')).toBeVisible()
    await expect(dialog.getByLabel('Server address')).toHaveValue(agent.url)
    expect(await page.content()).not.toContain(TOKEN)
    await page.screenshot({ path: testInfo.outputPath('custom-server.png') })
  })
})

test('reset to defaults asks first, then brings the defaults back', async ({ mira }, testInfo) => {
  const { page, dataDir } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  let dialog = await openSettings(page)
  await dialog.getByLabel('Agent id').fill('someone-else')
  await dialog.getByLabel('Memory window').fill('25')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  expect(JSON.parse(await settingsFile(dataDir))).toMatchObject({ agentId: 'someone-else', historyLimit: 25 })

  dialog = await openSettings(page)
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
  let dialog = await openSettings(page)
  await dialog.getByLabel('Theme').selectOption('dark')
  await expect.poll(theme).toBe('dark')
  await page.screenshot({ path: testInfo.outputPath('settings-dark.png') })
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused()
  await expect.poll(theme).toBe('system')

  dialog = await openSettings(page)
  await dialog.getByLabel('Theme').selectOption('dark')
  await dialog.getByLabel('Language').selectOption('ja')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(theme).toBe('dark')
  await page.reload()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect.poll(theme).toBe('dark')
  dialog = await openSettings(page)
  await expect(dialog.getByLabel('Language')).toHaveValue('ja')
  await expect(dialog.getByRole('textbox', { name: 'Data folder' })).toHaveValue(mira.dataDir)
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
})

test.describe('with a rejected token', () => {
  test.use({ appToken: 'not-the-right-token' })

  test('the hint opens the settings', async ({ mira }) => {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Token rejected — check Settings')
    await page.getByRole('button', { name: 'Open Settings' }).click()
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  })
})
