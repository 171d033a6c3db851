/**
 * A SYMindX runtime in web mode (the fake from test/fake-servers): Mira, set to that kind in its
 * settings and talking to the agent named in “Agent id”, shows the whole answer and speaks it
 * sentence by sentence (chunked in the core, as SYMindX sends no speech chunks; it has no voice, so
 * Automatic goes straight to the local one), each sentence with the agent's emotion on the avatar.
 * SYMindX has no tool frames, so there is no tool card to see.
 */
import { FakeSymindxServer } from '../test/fake-servers/symindx/server'
import { avatarLog, captionsShown, recordAvatar, whileShown } from './support/avatar-log'
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'

// This spec starts its own web host and browser, so under the electron project it would only run twice.
test.skip(({ target }) => target !== 'web', 'The server kind is set up in web mode; the web project covers it')

/** Records, from now on, whether a note about the server voice failing was ever shown. */
const RECORD_VOICE_NOTES = `(() => {
  window.__voiceNotes = 0
  const seen = () => /server voice is not available/i.test(document.body.textContent ?? '')
  new MutationObserver(() => seen() && window.__voiceNotes++).observe(document.body, { subtree: true, childList: true, characterData: true })
})()`

const SENTENCES = ['Good morning!', 'I am Nyx, and I am glad you asked.', 'The kettle is on, so tea is a fine idea.']
const ANSWER = SENTENCES.join(' ')

test('a SYMindX answer is shown, spoken sentence by sentence in order, with the agent’s emotion', async ({ lazyBrowser }, testInfo) => {
  test.setTimeout(90_000)
  const server = await FakeSymindxServer.start({ agents: [{ id: 'nyx' }], answer: () => [{ emotion: 'happy' }, { say: ANSWER }] })
  const mira = await launchWeb({
    token: '',
    browser: lazyBrowser,
    openConversation: true,
    settings: { version: 1, agentId: 'nyx', server: { mode: 'custom', url: server.url, kind: 'symindx' } },
  })
  try {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    await recordAvatar(page)
    await page.evaluate(RECORD_VOICE_NOTES)
    await page.getByRole('textbox', { name: 'Message' }).fill('Good morning, Nyx')
    await page.keyboard.press('Enter')

    const log = page.getByRole('log')
    await expect(log).toContainText(ANSWER)
    expect(server.chatMessages().map((m) => m.frame)).toEqual([
      expect.objectContaining({ type: 'chat', targetAgent: 'nyx', data: expect.objectContaining({ message: 'Good morning, Nyx' }) }),
    ])
    await page.screenshot({ path: testInfo.outputPath('symindx-answer.png') })

    // Every sentence is heard, in order, each once, with the agent's emotion on the face; then the voice is done.
    await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual(SENTENCES)
    await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden({ timeout: 30_000 })
    const moments = await avatarLog(page)
    expect(captionsShown(moments)).toEqual(SENTENCES)
    for (const sentence of SENTENCES) expect(whileShown(moments, sentence).at(-1)?.expression, sentence).toBe('happy')
    // SYMindX has no voice: the local one speaks from the first sentence, and no note ever says the server's failed.
    expect(await page.evaluate('window.__voiceNotes')).toBe(0)

    // An agent the server does not have: the answer fails with the code and what to do.
    await page.getByRole('textbox', { name: 'Message' }).fill('Anyone there?')
    server.agents.splice(0, 1, { id: 'aria' })
    await page.keyboard.press('Enter')
    await expect(log).toContainText('AGENT_NOT_FOUND')
    await expect(log).toContainText('set “Agent id” under Settings → Advanced')
    await page.screenshot({ path: testInfo.outputPath('symindx-agent-not-found.png') })

    // Settings → Connection shows the kind in use and where SYMindX's agent and token go.
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    const kind = dialog.getByRole('combobox', { name: 'Kind of server' })
    await kind.scrollIntoViewIfNeeded()
    await expect(kind.locator('option:checked')).toHaveText('SYMindX')
    await expect(dialog).toContainText('messages go to the agent named in “Agent id”')
    await page.screenshot({ path: testInfo.outputPath('symindx-settings.png') })
  } finally {
    await mira.close()
    await server.stop()
  }
  expect(mira.problems).toEqual([])
})
