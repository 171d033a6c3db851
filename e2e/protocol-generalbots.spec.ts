/**
 * A General Bots bot in web mode (the fake from test/fake-servers, written from its guide): Mira,
 * set to that kind, asks for the bot's token, keeps it out of the page, then shows the streamed
 * answer and a tool card and speaks it sentence by sentence (chunked in the core: the bot sends no
 * speech chunks and has no voice, so Automatic goes straight to the local voice).
 */
import { FakeGeneralBotsServer } from '../test/fake-servers/generalbots/server'
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'
import { avatarLog, captionsShown, recordAvatar } from './support/avatar-log'

// This spec starts its own web host and browser, so under the electron project it would only run twice.
test.skip(({ target }) => target !== 'web', 'The server kind is set up in web mode; the web project covers it')

const TOKEN = 'gb-e2e-token-4f1c'
/** Whether the note about a failed server voice ever shows (it goes away by itself). */
const RECORD_VOICE_NOTE = `(() => {
  window.__voiceNote = false
  const seen = () => document.body.textContent.includes('server voice is not available')
  new MutationObserver(() => { if (seen()) window.__voiceNote = true }).observe(document.body, { subtree: true, childList: true, characterData: true })
})()`
const SENTENCES = ['Let me look that up.', 'Your order has shipped.', 'It should arrive on Friday.']

test('a General Bots answer is shown with its tool card and spoken sentence by sentence', async ({ lazyBrowser }, testInfo) => {
  test.setTimeout(90_000)
  const bots = await FakeGeneralBotsServer.start({
    token: TOKEN,
    answer: () => [
      { say: `${SENTENCES[0]} ` },
      { tool: 'search_orders', args: { order_id: '12345' }, result: { status: 'shipped', eta: 'Friday' } },
      { say: SENTENCES.slice(1).join(' ') },
    ],
  })
  const mira = await launchWeb({
    token: '',
    browser: lazyBrowser,
    openConversation: true,
    settings: { version: 1, server: { mode: 'custom', url: bots.url, kind: 'generalbots' } },
  })
  try {
    const { page } = mira
    // No token saved for this bot: nothing is sent until the user gives one.
    await expect(page.getByRole('status')).toHaveText('Token needed')
    expect(bots.received).toEqual([])
    // The hint opens Settings at the token field.
    await page.getByRole('button', { name: 'Open Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await expect(dialog.getByLabel('Token', { exact: true })).toBeFocused()
    await expect(dialog.getByRole('combobox', { name: 'Kind of server' }).locator('option:checked')).toHaveText('General Bots')
    await expect(dialog).toContainText('the token goes in the address as ?token=')
    await dialog.getByLabel('Token', { exact: true }).fill(TOKEN)
    await page.screenshot({ path: testInfo.outputPath('generalbots-token.png') })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('status')).toHaveText('Connected')

    await recordAvatar(page)
    await page.evaluate(RECORD_VOICE_NOTE)
    await page.getByRole('textbox', { name: 'Message' }).fill('Where is my order?')
    await page.keyboard.press('Enter')
    const log = page.getByRole('log')
    await expect(log).toContainText(SENTENCES.join(' '))
    await expect(log.getByRole('group')).toHaveCount(1)
    await expect(log.getByRole('group').locator('summary')).toContainText('Used search orders')
    const [sent] = bots.chatMessages()
    expect(sent?.frame).toEqual({ type: 'message', session_id: [...bots.sessions.keys()][0], content: 'Where is my order?' })
    await page.screenshot({ path: testInfo.outputPath('generalbots-answer.png') })

    // Every sentence is heard, in order, each once; then the voice is done.
    await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual(SENTENCES)
    await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden({ timeout: 30_000 })
    expect(captionsShown(await avatarLog(page))).toEqual(SENTENCES)
    // The bot has no voice: the local one speaks from the first sentence, with no note about a failure.
    expect(await page.evaluate('window.__voiceNote')).toBe(false)
    // The token went to the bot (in the address, as its guide says), never to the page.
    expect(await page.content()).not.toContain(TOKEN)
  } finally {
    await mira.close()
    await bots.stop()
  }
  expect(mira.problems).toEqual([])
})
