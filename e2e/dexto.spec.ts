/**
 * A Dexto (Saiki) server in web mode: Mira, set to that kind in its settings, shows the streamed
 * answer and a tool card, and speaks it sentence by sentence (chunked in the core, as Dexto sends
 * no speech chunks; the protocol has no voice, so Automatic goes straight to the local voice).
 */
import { MiniDexto } from '../test/core/protocols/mini-dexto'
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'
import { avatarLog, captionsShown, recordAvatar } from './support/avatar-log'

// This spec starts its own web host and browser, so under the electron project it would only run twice.
test.skip(({ target }) => target !== 'web', 'The server kind is set up in web mode; the web project covers it')

const SENTENCES = ['Good morning!', 'I checked the clock for you.', 'It is nine in the morning, a fine time for tea.']
const ANSWER = SENTENCES.join(' ')

test('a Dexto answer is shown with its tool card and spoken sentence by sentence', async ({ lazyBrowser }, testInfo) => {
  test.setTimeout(90_000)
  const dexto = await MiniDexto.start()
  dexto.onFrame = (frame) => {
    if (frame.type !== 'message') return
    dexto.send('thinking')
    dexto.send('chunk', { content: 'Good morning! ' })
    dexto.send('toolCall', { toolName: 'get_current_time', serverId: 'clock', arguments: {} })
    dexto.send('toolResult', { toolName: 'get_current_time', serverId: 'clock', result: { local: '2026-12-03T09:00:00+09:00' } })
    dexto.send('chunk', { content: 'I checked the clock for you. It is nine in the morning, ' })
    dexto.send('chunk', { content: 'a fine time for tea.' })
    dexto.send('response', { content: ANSWER })
  }
  const mira = await launchWeb({
    token: '',
    browser: lazyBrowser,
    openConversation: true,
    settings: { version: 1, server: { mode: 'custom', url: dexto.url, kind: 'dexto' } },
  })
  try {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    await recordAvatar(page)
    await page.getByRole('textbox', { name: 'Message' }).fill('What time is it?')
    await page.keyboard.press('Enter')

    const log = page.getByRole('log')
    await expect(log).toContainText(ANSWER)
    await expect(log.getByRole('group')).toHaveCount(1)
    await expect(log.getByRole('group').locator('summary')).toContainText('Checked the clock')
    expect(dexto.messages()).toEqual([expect.objectContaining({ type: 'message', content: 'What time is it?', stream: true })])
    await page.screenshot({ path: testInfo.outputPath('dexto-answer.png') })

    // Every sentence is heard, in order, each once; then the voice is done.
    await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual(SENTENCES)
    await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden({ timeout: 30_000 })
    expect(captionsShown(await avatarLog(page))).toEqual(SENTENCES)
    // Only Mira's own protocol has a server voice: the local one speaks at once, with no note about a failure.
    await expect(page.getByText(/server voice is not available/i)).toHaveCount(0)

    // Settings → Server shows the kind in use.
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    const kind = dialog.getByRole('combobox', { name: 'Kind of server' })
    await kind.scrollIntoViewIfNeeded()
    await expect(kind.locator('option:checked')).toHaveText('Dexto (Saiki)')
    await page.screenshot({ path: testInfo.outputPath('dexto-settings.png') })
  } finally {
    await mira.close()
    await dexto.stop()
  }
  expect(mira.problems).toEqual([])
})
