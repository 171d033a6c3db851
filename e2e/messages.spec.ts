/** How answers render: markdown, tool cards, copy / edit, states, links that ask, and hostile text kept inert. */
import { readFileSync } from 'node:fs'
import type { Dialog, Page } from '@playwright/test'
import { z } from 'zod'
import { wordTokens } from '../test/support/fake-agent-server'
import { expect, test } from './fixtures'
import { LOG_EXECUTABLES, READ_CLIPBOARD, SCRIPTS_ADDED, WATCH_SCRIPTS, XSS_FLAG } from './support/message-scripts'

const MARKDOWN = [
  '## Your trip',
  'Here is the plan, with **two** stops and a [map](https://example.com/map).',
  '- Lyon\n- Annecy',
  '```js\nconst km = 42\nconsole.log(km)\n```',
  '| Day | Km |\n|:----|---:|\n| Mon | 12 |\n| Tue | 30 |',
  '> Pack light.',
].join('\n\n')

/** The unit tests' corpus of hostile answers (read as a file: it belongs to the renderer's project). */
const XSS_CORPUS = z
  .array(z.string())
  .min(30)
  .parse(JSON.parse(readFileSync(new URL('../src/renderer/src/lib/markdown/xss-corpus.json', import.meta.url), 'utf8')))

/** Splits text into tokens of `size` characters, the way a model streams. */
const chunks = (text: string, size: number): string[] => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []

async function ask(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

test('a markdown answer renders headings, lists, code and a table', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: chunks(MARKDOWN, 6), delayMs: 8 }]
  const { page } = mira
  await ask(page, 'Plan my trip')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 })
  await expect(answer.getByRole('heading', { name: 'Your trip' })).toBeVisible()
  await expect(answer.locator('strong')).toHaveText('two')
  await expect(answer.getByRole('listitem')).toHaveText(['Lyon', 'Annecy'])
  await expect(answer.locator('pre code')).toHaveText('const km = 42\nconsole.log(km)\n')
  await expect(answer.getByRole('table')).toBeVisible()
  await expect(answer.getByRole('cell', { name: '30' })).toHaveCSS('text-align', 'right')
  await expect(answer.locator('blockquote')).toHaveText('Pack light.')
  await page.screenshot({ path: testInfo.outputPath('markdown.png') })

  // The code block's own copy button, from the keyboard: the code goes to the clipboard, the block stays as it was.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await answer.getByRole('button', { name: 'Copy code' }).focus()
  await page.keyboard.press('Enter')
  await expect(answer.getByRole('button', { name: 'Copied', exact: true })).toBeFocused()
  expect(await page.evaluate(READ_CLIPBOARD)).toBe('const km = 42\nconsole.log(km)\n')
  await expect(answer.locator('pre code')).toHaveText('const km = 42\nconsole.log(km)\n')
  await page.screenshot({ path: testInfo.outputPath('markdown-code-copied.png') })
  await expect(answer.getByRole('button', { name: 'Copy code' })).toBeVisible()
})

test('a link asks in a dialog with its whole address; Cancel keeps the app, Open opens it in the browser', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: wordTokens('Read [the guide](https://example.com/guide?step=1) first, not [this](javascript:alert(1)).') }]
  const { page } = mira
  // The new tab is a page of the same browser context: its request is answered here, offline.
  await page.context().route('https://example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Guide</title>' }))
  await ask(page, 'Where do I start?')
  const answer = page.getByRole('article', { name: 'Mira' })
  const link = answer.getByRole('link', { name: 'the guide' })
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer')
  const before = page.url()
  const native: string[] = []
  page.on('dialog', (dialog: Dialog) => {
    native.push(dialog.message())
    void dialog.dismiss()
  })

  // Cancel: nothing opens, the app stays where it was, focus goes back to the link.
  await link.click()
  const dialog = page.getByRole('dialog', { name: 'Open this link?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('https://example.com/guide?step=1')
  await expect(dialog.getByRole('button', { name: 'Open' })).toBeFocused()
  await page.screenshot({ path: testInfo.outputPath('link-dialog.png') })
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(link).toBeFocused()
  expect(page.url()).toBe(before)
  expect(page.context().pages()).toHaveLength(1)

  // Focus stays in the dialog; Esc cancels as well.
  await link.press('Enter')
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Open' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(link).toBeFocused()

  // Open: the system browser at exactly that address (in web mode: a new tab of it); the app stays.
  await link.click()
  if (mira.openedExternally) {
    await dialog.getByRole('button', { name: 'Open' }).click()
    await expect.poll(mira.openedExternally).toEqual(['https://example.com/guide?step=1'])
  } else {
    const opened = page.context().waitForEvent('page')
    await dialog.getByRole('button', { name: 'Open' }).click()
    const tab = await opened
    await tab.waitForLoadState()
    expect(tab.url()).toBe('https://example.com/guide?step=1')
    await tab.close()
  }
  expect(page.url()).toBe(before)

  // A `javascript:` link never becomes a link (it stays text): clicking it asks nothing, opens nothing.
  await expect(answer.getByRole('link')).toHaveCount(1)
  await expect(answer.locator('[href^="javascript" i]')).toHaveCount(0)
  await answer.getByText('javascript:alert(1)').click()
  await expect(dialog).toBeHidden()
  expect(native).toEqual([])
  expect(page.url()).toBe(before)
  expect(page.context().pages()).toHaveLength(1)
})

test('an image inside a link shows the image, and the link still asks before opening', async ({ mira, agent }) => {
  const image = `${agent.restBase}/bg/night.jpg`
  agent.answer = () => [{ tokens: ['See ', `[![x](${image})](https://evil.example/landing)`, ' here.'] }]
  const { page } = mira
  await page.context().route('https://evil.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Evil</title>' }))
  await ask(page, 'Show me')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 })
  const link = answer.getByRole('link')
  await link.getByRole('button').click()
  // The click showed the image: it did not follow the link.
  await expect(link.locator('img')).toHaveAttribute('src', image)
  expect(page.context().pages()).toHaveLength(1)
  const dialog = page.getByRole('dialog', { name: 'Open this link?' })
  // The fake server's image is one pixel: the click is dispatched on it rather than aimed at it.
  await link.locator('img').dispatchEvent('click')
  await expect(dialog).toContainText('https://evil.example/landing')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  expect(page.context().pages()).toHaveLength(1)
})

test('a tool call shows as a card that opens to its arguments and result', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [
    { tool: 'calculator', args: { expression: '6 * 7' }, result: { value: 42 }, delayMs: 400 },
    { tokens: wordTokens('Six times seven is 42.'), delayMs: 20 },
  ]
  const { page } = mira
  await ask(page, 'What is 6 * 7?')
  const card = page.getByRole('article', { name: 'Mira' }).getByRole('group')
  const summary = card.locator('summary')
  // What was done, in words, with its outcome; the tool's own name once opened.
  await expect(summary).toContainText('Calculated')
  await expect(summary).toContainText('6 * 7 = 42', { timeout: 30_000 })
  await expect(summary).toContainText('Done', { timeout: 30_000 })
  await expect(card.locator('pre').first()).toBeHidden()

  await summary.focus()
  await page.keyboard.press('Enter')
  await expect(card.getByText('Tool: calculator')).toBeVisible()
  await expect(card.locator('pre').first()).toHaveText('{\n  "expression": "6 * 7"\n}')
  await expect(card.locator('pre').nth(1)).toHaveText('{\n  "value": 42\n}')
  await expect(page.getByRole('article', { name: 'Mira' })).toContainText('Six times seven is 42.')
  await page.screenshot({ path: testInfo.outputPath('tool-card.png') })
})

test('Copy puts a message on the clipboard; Edit and resend brings the last one back', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: wordTokens('Some **bold** words.') }]
  const { page } = mira
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await ask(page, 'Say something bold')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toHaveAttribute('aria-busy', 'false')

  await answer.getByRole('button', { name: 'Copy' }).click()
  await expect(answer).toContainText('Copied')
  expect(await page.evaluate(READ_CLIPBOARD)).toBe('Some **bold** words.')
  await page.screenshot({ path: testInfo.outputPath('copied.png') })

  const mine = page.getByRole('article', { name: 'You' })
  await mine.getByRole('button', { name: 'Copy' }).click()
  expect(await page.evaluate(READ_CLIPBOARD)).toBe('Say something bold')

  await mine.getByRole('button', { name: 'Edit and resend' }).click()
  const box = page.getByRole('textbox', { name: 'Message' })
  await expect(box).toHaveValue('Say something bold')
  await expect(box).toBeFocused()
  await box.press('End')
  await box.pressSequentially(', please')
  await box.press('Enter')
  await agent.waitForFrame((f) => f.type === 'chat_message' && f.content === 'Say something bold, please')
  // Only the newest message offers editing.
  await expect(page.getByRole('button', { name: 'Edit and resend' })).toHaveCount(1)
})

test('a server error shows in the turn with what to do', async ({ mira, agent }, testInfo) => {
  agent.answer = () => [{ tokens: ['Let me '] }, { fail: 'Model overloaded', code: 500 }]
  const { page } = mira
  await ask(page, 'Hello?')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toContainText('Error · Model overloaded (500). Use Retry to ask again')
  await expect(page.getByRole('article', { name: 'You' }).getByRole('button', { name: 'Retry' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('turn-error.png') })
})

test('the XSS corpus streamed as an answer stays inert', async ({ mira, agent }, testInfo) => {
  const text = XSS_CORPUS.join('\n\n')
  agent.answer = () => [{ tokens: chunks(text, 9), delayMs: 1 }]
  const { page } = mira
  const dialogs: string[] = []
  page.on('dialog', (dialog: Dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const remote: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('evil.example')) remote.push(request.url())
  })
  await page.evaluate(WATCH_SCRIPTS)
  await ask(page, 'Show me your worst')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 })
  await expect(answer).toContainText('<script>window.__xss=1</script>')
  await expect(answer.getByRole('button', { name: 'Image from evil.example — show?' })).toBeVisible()

  expect(dialogs).toEqual([])
  expect(await page.evaluate(XSS_FLAG)).toBeUndefined()
  expect(await page.evaluate(SCRIPTS_ADDED)).toBe(0)
  expect(await page.evaluate(LOG_EXECUTABLES)).toEqual([])
  expect(remote).toEqual([])
  await page.screenshot({ path: testInfo.outputPath('xss-inert.png'), fullPage: true })
})
