/**
 * Conversations: the drawer lists them newest first; a new one starts empty; an old one opens
 * with its history and continues; rename, delete and undo; and the list survives a restart of the
 * web host and the core on the same data dir.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createMiraCore } from '../src/main/core/host/mira-core'
import { startWebHost } from '../src/main/core/web'
import { expect, TOKEN, test } from './fixtures'
import { RENDERER_OUT } from './global-setup'
import { formatViolations, seriousViolations } from './support/axe'
import { startWithConversationOpen } from './support/launch'

async function say(page: Page, text: string): Promise<void> {
  const log = page.getByRole('log', { name: 'Conversation' })
  const answers = await log.getByRole('article', { name: 'Mira' }).count()
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
  await expect(log.getByRole('article', { name: 'Mira' })).toHaveCount(answers + 1)
  await expect(log.getByRole('article', { name: 'Mira' }).last()).toHaveText(`You said: ${text}`)
}

async function openDrawer(page: Page) {
  await page.getByRole('button', { name: 'Conversations' }).click()
  const drawer = page.getByRole('dialog', { name: 'Conversations' })
  await expect(drawer).toBeVisible()
  // Screenshots show the drawer as it rests, not halfway through sliding in.
  await expect(drawer).toHaveCSS('transform', 'none')
  return drawer
}

test('start, switch, continue, rename, delete and undo', async ({ mira, agent, target }, testInfo) => {
  test.skip(target !== 'web', 'The drawer flow is the same in Electron; web mode runs it here')
  const { page } = mira
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await say(page, 'What is the capital of France?')

  let drawer = await openDrawer(page)
  await expect(drawer.getByRole('listitem')).toHaveCount(1)
  await drawer.getByRole('button', { name: 'New conversation' }).click()
  await expect(drawer).toBeHidden()
  await expect(log.getByRole('article')).toHaveCount(0)
  await say(page, 'Tell me about cats')
  // A new conversation: no conversation_id went with it.
  expect(agent.framesOfType('chat_message').at(-1)?.frame.conversation_id).toBeUndefined()

  drawer = await openDrawer(page)
  const items = drawer.getByRole('listitem')
  await expect(items).toHaveCount(2)
  await expect(items.nth(0)).toContainText('Tell me about cats')
  await expect(items.nth(1)).toContainText('What is the capital of France?')
  await expect(items.nth(0)).toContainText('just now')
  await expect(drawer.getByRole('button', { name: /^Tell me about cats/ })).toHaveAttribute('aria-current', 'true')
  await page.screenshot({ path: testInfo.outputPath('drawer.png') })
  const found = await seriousViolations(page, '.drawer')
  expect(found, formatViolations('drawer', found)).toEqual([])

  // Open the first one: its history is shown, and new messages continue it.
  await drawer.getByRole('button', { name: /^What is the capital of France\?/ }).click()
  await expect(drawer).toBeHidden()
  await expect(log.getByRole('article', { name: 'You' })).toHaveText(['What is the capital of France?'])
  await expect(log.getByRole('article', { name: 'Mira' })).toHaveText(['You said: What is the capital of France?'])
  await say(page, 'And of Spain?')
  const first = agent.framesOfType('chat_message')
  expect(first.at(-1)?.frame.conversation_id).toEqual(expect.any(String))
  await expect(log.getByRole('article')).toHaveCount(4)
  await page.screenshot({ path: testInfo.outputPath('continued.png') })

  // Rename in place, with the keyboard.
  drawer = await openDrawer(page)
  await drawer.getByRole('button', { name: 'Rename What is the capital of France?' }).click()
  const title = drawer.getByRole('textbox', { name: 'Conversation title' })
  await expect(title).toBeFocused()
  await title.fill('Capitals')
  await title.press('Enter')
  await expect(drawer.getByRole('button', { name: /^Capitals/ })).toBeVisible()
  await expect(drawer.getByRole('button', { name: 'Rename Capitals' })).toBeFocused()
  // The renamed one was just continued: it is the newest.
  await expect(items.nth(0)).toContainText('Capitals')

  // Delete, then undo.
  await drawer.getByRole('button', { name: 'Delete Tell me about cats' }).click()
  await expect(items).toHaveCount(1)
  const toast = drawer.getByRole('status').filter({ hasText: 'Deleted' })
  await expect(toast).toHaveText(/Deleted “Tell me about cats”/)
  await page.screenshot({ path: testInfo.outputPath('deleted-undo.png') })
  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(items).toHaveCount(2)
  await expect(toast).toBeHidden()

  // Esc closes the drawer and gives the focus back to its button.
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(page.getByRole('button', { name: 'Conversations' })).toBeFocused()

  // Small window, dark: the drawer overlays the whole app.
  await page.setViewportSize({ width: 360, height: 720 })
  await page.emulateMedia({ colorScheme: 'dark' })
  await openDrawer(page)
  await expect(items).toHaveCount(2)
  await page.screenshot({ path: testInfo.outputPath('drawer-360-dark.png') })
  const foundDark = await seriousViolations(page, '.drawer')
  expect(foundDark, formatViolations('drawer-360-dark', foundDark)).toEqual([])
})

test('switching conversations while Mira answers stops the answer first and loses nothing', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: ['Counting: ', 'one, ', 'two, ', 'three, '], delayMs: 60 }, { hang: true }]
  const { page } = mira
  const log = page.getByRole('log', { name: 'Conversation' })
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Count forever')
  await page.keyboard.press('Enter')
  await expect(log.getByRole('article', { name: 'Mira' })).toContainText('three,')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled()

  // A new conversation, mid-answer: the answer is stopped, the log starts empty.
  let drawer = await openDrawer(page)
  await expect(drawer.getByRole('button', { name: 'New conversation' })).toBeEnabled()
  await page.screenshot({ path: testInfo.outputPath('drawer-while-answering.png') })
  await drawer.getByRole('button', { name: 'New conversation' }).click()
  await agent.waitForFrame((f) => f.type === 'interrupt_stream')
  await expect(drawer).toBeHidden()
  await expect(log.getByRole('article')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden()

  // Another answer, then switching back to the first conversation while it streams.
  await page.getByRole('textbox', { name: 'Message' }).fill('Count again')
  await page.keyboard.press('Enter')
  await expect(log.getByRole('article', { name: 'Mira' })).toContainText('three,')
  // Nothing of the stopped answer came back into the new conversation: whatever was left of it would have
  // arrived before this answer, on the same connection.
  await expect(log.getByRole('article')).toHaveCount(2)
  await expect(log.getByRole('article', { name: 'Mira' })).toHaveCount(1)
  await expect(log.getByRole('article', { name: 'You' })).toHaveText(['Count again'])
  drawer = await openDrawer(page)
  await drawer.getByRole('button', { name: /^Count forever/ }).click()
  await expect.poll(() => agent.framesOfType('interrupt_stream').length).toBe(2)
  await expect(drawer).toBeHidden()
  // Its history is all there: the question and the answer as far as it went, marked stopped.
  await expect(log.getByRole('article', { name: 'You' })).toHaveText(['Count forever'])
  await expect(log.getByRole('article', { name: 'Mira' })).toContainText('Counting: one, two, three,')
  await expect(log.getByRole('article', { name: 'Mira' })).toContainText('Stopped')
  await page.screenshot({ path: testInfo.outputPath('switched-back.png') })

  // And the second one kept its stopped answer too.
  drawer = await openDrawer(page)
  await drawer.getByRole('button', { name: /^Count again/ }).click()
  await expect(log.getByRole('article', { name: 'You' })).toHaveText(['Count again'])
  await expect(log.getByRole('article', { name: 'Mira' })).toContainText('Counting: one, two, three,')
})

test('the conversations are still there after the host and the core restart', async ({ agent, lazyBrowser, target }, testInfo) => {
  test.skip(target !== 'web', 'Restarting the core under the page is a web-mode setup')
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-e2e-conv-'))
  const key = randomBytes(32).toString('base64url')
  const start = async (port: number) => {
    const core = await createMiraCore({ dataDir, transport: 'web', overrides: { serverUrl: agent.url, token: TOKEN }, log: () => {} })
    const host = await startWebHost({ core, rendererDir: RENDERER_OUT, port, key, cspServerOrigin: () => core.serverOrigin() })
    return { core, host, stop: async () => (await host.close(), await core.close()) }
  }
  let app = await start(0)
  const context = await (await lazyBrowser()).newContext({ viewport: { width: 1100, height: 720 } })
  await startWithConversationOpen(context)
  try {
    const page = await context.newPage()
    await page.goto(app.host.url)
    await expect(page.getByRole('status')).toHaveText('Connected')
    await say(page, 'Remember the milk')

    await app.stop()
    app = await start(app.host.port)
    await page.goto(app.host.url)
    await expect(page.getByRole('status')).toHaveText('Connected')
    await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('article')).toHaveCount(0)

    const drawer = await openDrawer(page)
    await expect(drawer.getByRole('listitem')).toHaveCount(1)
    await drawer.getByRole('button', { name: /^Remember the milk/ }).click()
    await expect(page.getByRole('article', { name: 'Mira' })).toHaveText(['You said: Remember the milk'])
    await page.screenshot({ path: testInfo.outputPath('after-restart.png') })
  } finally {
    await context.close()
    await app.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})

test('choosing a conversation and at once typing in the message box: the typing stays there, the drawer closed', async ({ mira }) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await say(page, 'Remember the fox')
  await openDrawer(page)
  // The row is chosen; the moment the drawer has closed, before its `close` event (a task later) arrives, the
  // user is in the message box. Once that event has been handled, the focus must still be there.
  const focused = await page.evaluate(`new Promise((resolve) => {
    const drawer = document.querySelector('dialog.drawer')
    new MutationObserver((_, observer) => {
      if (drawer.open) return
      observer.disconnect()
      document.querySelector('[aria-label="Message"]').focus()
    }).observe(drawer, { attributes: true, attributeFilter: ['open'] })
    drawer.addEventListener('close', () => setTimeout(() => resolve(document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName)))
    ;[...drawer.querySelectorAll('button')].find((b) => b.textContent.trim().startsWith('Remember the fox')).click()
  })`)
  expect(focused).toBe('Message')
  await page.keyboard.type('and the hound')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Conversations' })).toBeHidden()
  await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Mira' }).last()).toHaveText('You said: and the hound')
})
