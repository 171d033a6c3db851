/** Web mode: the page outlives a restart of its web host, and says so when its key went stale. */
import { expect, test } from './fixtures'

test('the page reconnects to a restarted host, and reports a stale key', async ({ mira, agent, target }, testInfo) => {
  test.skip(target !== 'web', 'Only web mode has a host that restarts under the page')
  const { page } = mira
  const status = page.getByRole('status')
  await expect(status).toHaveText('Connected')
  // The address's one-time code left the address bar, and the page cannot read its session cookie.
  expect(new URL(page.url()).search).toBe('')
  expect(await page.evaluate('document.cookie')).toBe('')
  expect(await page.context().cookies()).toEqual([expect.objectContaining({ name: expect.stringMatching(/^mira-session-\d+$/), httpOnly: true, sameSite: 'Strict' })])

  await mira.restartHost?.()
  await expect(status).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Still there?')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('You said: Still there?')
  expect(agent.framesOfType('chat_message')).toHaveLength(1)

  await mira.restartHost?.({ key: 'a-new-key-from-a-new-launch' })
  await expect(status).toHaveText('Access key expired', { timeout: 30_000 })
  await expect(page.getByText('each address opens Mira once')).toBeVisible()
  // Nothing can be sent through a host that refuses the page: Send stays off, whatever is typed.
  await page.getByRole('textbox', { name: 'Message' }).fill('Anyone?')
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
  await page.screenshot({ path: testInfo.outputPath('stale-key.png') })
})

test('the address mira web printed opens Mira once: opened again elsewhere it grants nothing', async ({ mira, target }, testInfo) => {
  test.skip(target !== 'web', 'Only web mode opens Mira from an address')
  await expect(mira.page.getByRole('status')).toHaveText('Connected')
  const browser = mira.page.context().browser()
  if (!browser || !mira.openedUrl) throw new Error('a web-mode launch has a browser and an opened address')
  // Another profile (no cookie) replaying the address from the history.
  const other = await browser.newContext({ viewport: { width: 1100, height: 720 } })
  try {
    const page = await other.newPage()
    await page.goto(mira.openedUrl)
    await expect(page.getByRole('status')).toHaveText('Access key expired', { timeout: 30_000 })
    expect(new URL(page.url()).search).toBe('')
    await page.screenshot({ path: testInfo.outputPath('replayed-address.png') })
  } finally {
    await other.close()
  }
  // The page that used it is still connected.
  await expect(mira.page.getByRole('status')).toHaveText('Connected')
})
