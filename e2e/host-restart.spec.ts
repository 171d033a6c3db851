/** Web mode: the page outlives a restart of its web host, and says so when its key went stale. */
import { expect, test } from './fixtures'

test('the page reconnects to a restarted host, and reports a stale key', async ({ mira, agent, target }, testInfo) => {
  test.skip(target !== 'web', 'Only web mode has a host that restarts under the page')
  const { page } = mira
  const status = page.getByRole('status')
  await expect(status).toHaveText('Connected')
  // The key left the address bar as soon as the page read it.
  expect(new URL(page.url()).searchParams.has('key')).toBe(false)

  await mira.restartHost?.()
  await expect(status).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Still there?')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Mira' })).toHaveText('You said: Still there?')
  expect(agent.framesOfType('chat_message')).toHaveLength(1)

  await mira.restartHost?.({ key: 'a-new-key-from-a-new-launch' })
  await expect(status).toHaveText('Access key expired', { timeout: 10_000 })
  await expect(page.getByText('open the new address')).toBeVisible()
  // Nothing can be sent through a host that refuses the page: Send stays off, whatever is typed.
  await page.getByRole('textbox', { name: 'Message' }).fill('Anyone?')
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled()
  await page.screenshot({ path: testInfo.outputPath('stale-key.png') })
})
