/**
 * A Lexicon chat tenant in web mode (the fake from test/fake-servers, written from its guide): Mira,
 * set to that kind, asks for the tenant's API key, keeps it out of the page, creates a chat over
 * REST, shows the streamed answer and speaks it sentence by sentence (chunked in the core: Lexicon
 * sends no speech chunks and has no voice, so Automatic goes straight to the local voice). A new
 * conversation gets a chat of its own; going back to the first one continues its chat.
 */
import type { Page } from '@playwright/test'
import { FakeLexiconServer } from '../test/fake-servers/lexicon/server'
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'
import { avatarLog, captionsShown, recordAvatar } from './support/avatar-log'

// This spec starts its own web host and browser, so under the electron project it would only run twice.
test.skip(({ target }) => target !== 'web', 'The server kind is set up in web mode; the web project covers it')

const API_KEY = 'lx-e2e-key-7d2a'
const SENTENCES = ['Hello from Lexicon.', 'Your account looks fine.', 'Anything else I can check?']

async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

async function openDrawer(page: Page) {
  await page.getByRole('button', { name: 'Conversations' }).click()
  const drawer = page.getByRole('dialog', { name: 'Conversations' })
  await expect(drawer).toBeVisible()
  return drawer
}

test('a Lexicon answer is shown and spoken sentence by sentence, in a chat created for each conversation', async ({ lazyBrowser }, testInfo) => {
  test.setTimeout(120_000)
  const lexicon = await FakeLexiconServer.start({
    apiKey: API_KEY,
    answer: (m) => (m.text === 'How is my account?' ? [{ say: SENTENCES.join(' ') }] : [{ say: `Noted: ${m.text}. ${m.history.length} earlier lines.` }]),
  })
  const mira = await launchWeb({
    token: '',
    browser: lazyBrowser,
    openConversation: true,
    settings: { version: 1, userId: 'e2e-user', server: { mode: 'custom', url: lexicon.url, kind: 'lexicon' } },
  })
  try {
    const { page } = mira
    // No API key saved for this server: no chat, nothing sent until the user gives one.
    await expect(page.getByRole('status')).toHaveText('API key or user id needed')
    expect(lexicon.chats.size).toBe(0)
    expect(lexicon.received).toEqual([])
    await page.getByRole('button', { name: 'Open Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    const server = dialog.getByRole('region', { name: 'Server' })
    await expect(server.getByLabel('API key', { exact: true })).toBeFocused()
    await expect(dialog.getByRole('combobox', { name: 'Kind of server' }).locator('option:checked')).toHaveText('Lexicon')
    await expect(server.getByLabel('User id', { exact: true })).toHaveValue('e2e-user')
    await expect(dialog).toContainText('Mira creates a chat on the server')
    await server.getByLabel('API key', { exact: true }).fill(API_KEY)
    await page.screenshot({ path: testInfo.outputPath('lexicon-api-key.png') })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('status')).toHaveText('Connected')

    await recordAvatar(page)
    await say(page, 'How is my account?')
    const log = page.getByRole('log')
    await expect(log).toContainText(SENTENCES.join(' '))
    const [first] = [...lexicon.chats.values()].filter((c) => c.messages.some((m) => m.content === 'How is my account?'))
    expect(first?.user_id).toBe('e2e-user')
    expect(lexicon.upgrades.at(-1)?.headers['x-chat-id']).toBe(first?.id)
    await page.screenshot({ path: testInfo.outputPath('lexicon-answer.png') })

    // Every sentence is heard, in order, each once; then the voice is done.
    await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual(SENTENCES)
    await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden({ timeout: 30_000 })
    expect(captionsShown(await avatarLog(page))).toEqual(SENTENCES)
    // The key went to the server in a header, never to the page.
    expect(await page.content()).not.toContain(API_KEY)

    // A new conversation gets a new chat.
    let drawer = await openDrawer(page)
    await drawer.getByRole('button', { name: 'New conversation' }).click()
    await expect(drawer).toBeHidden()
    await say(page, 'second topic')
    await expect(log).toContainText('Noted: second topic. 0 earlier lines.')
    const second = [...lexicon.chats.values()].find((c) => c.messages.some((m) => m.content === 'second topic'))
    expect(second?.id).toBeDefined()
    expect(second?.id).not.toBe(first?.id)

    // Back in the first conversation, its chat goes on (the server remembers two lines there).
    drawer = await openDrawer(page)
    await drawer.getByRole('button', { name: /^How is my account\?/ }).click()
    await expect(drawer).toBeHidden()
    await say(page, 'back again')
    await expect(log).toContainText('Noted: back again. 2 earlier lines.')
    expect(first?.messages.map((m) => m.content)).toContain('back again')
    expect(lexicon.chats.size).toBe(2)
    await page.screenshot({ path: testInfo.outputPath('lexicon-back.png') })
  } finally {
    await mira.close()
    await lexicon.stop()
  }
  expect(mira.problems).toEqual([])
})

const WORDS = { 'en-US': { settings: 'Settings', save: 'Save' }, 'ja-JP': { settings: '設定', save: '保存' } }

for (const locale of ['en-US', 'ja-JP'] as const) {
  test(`Settings → Connection for a Lexicon server, key saved, at 1100 and 390 px (${locale})`, async ({ lazyBrowser }, testInfo) => {
    test.setTimeout(90_000)
    const lexicon = await FakeLexiconServer.start({ apiKey: API_KEY })
    const mira = await launchWeb({
      token: '',
      browser: lazyBrowser,
      locale,
      settings: { version: 1, userId: 'e2e-user', server: { mode: 'custom', url: lexicon.url, kind: 'auto' } },
    })
    try {
      const { page } = mira
      const words = WORDS[locale]
      const dialog = page.getByRole('dialog', { name: words.settings })
      // Automatic on a /ws/chat address is Lexicon: its key and user id are asked for.
      await page.getByRole('button', { name: words.settings, exact: true }).click()
      await expect(page.locator('#settings-serverApiKey')).toBeVisible()
      await page.locator('#settings-serverApiKey').fill(API_KEY)
      await dialog.getByRole('button', { name: words.save }).click()
      await expect(dialog).toBeHidden()
      await expect.poll(() => lexicon.chats.size).toBe(1)
      await expect(page.locator('[role="status"][data-tone="ok"]')).toBeVisible()

      await page.getByRole('button', { name: words.settings, exact: true }).click()
      await expect(page.locator('#settings-userId')).toHaveValue('e2e-user')
      await expect(page.locator('#settings-serverKind-hint')).toContainText('Lexicon')
      await expect(page.locator('#settings-userId-hint')).toContainText('POST /api/v1/chats/')
      // Saved: the key is not shown, only that there is one.
      await expect(page.locator('#settings-serverApiKey')).toHaveCount(0)
      await page.screenshot({ path: testInfo.outputPath(`lexicon-settings-${locale}-1100.png`) })
      await page.setViewportSize({ width: 390, height: 844 })
      await page.locator('#settings-userId').scrollIntoViewIfNeeded()
      await page.screenshot({ path: testInfo.outputPath(`lexicon-settings-${locale}-390.png`) })
      expect(await page.content()).not.toContain(API_KEY)
    } finally {
      await mira.close()
      await lexicon.stop()
    }
    expect(mira.problems).toEqual([])
  })
}
