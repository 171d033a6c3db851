/**
 * Accessibility: axe-core on the main screens, light and dark and at 360 px. A serious or critical
 * violation fails the test; every finding is printed with the rule, the element and axe's advice.
 */
import type { Page, TestInfo } from '@playwright/test'
import { wordTokens } from '../test/support/fake-agent-server'
import { expect, test } from './fixtures'
import { SETTLE_ANIMATIONS, axeViolations, formatViolations, isSerious, seriousViolations } from './support/axe'

// Each axe run walks the whole page; four of them on a busy two-core machine outlast the default 30 s.
test.describe.configure({ timeout: 90_000 })

const ANSWER = 'Here is a **short** answer with a [link](https://example.com/) and `code`.\n\n- one\n- two'

/**
 * Screenshots the screen, runs axe (on the whole page, or on `include` only), prints everything
 * it found, and records a failure for serious or critical findings without stopping.
 */
async function check(page: Page, screen: string, testInfo: TestInfo, include?: string): Promise<void> {
  // Popovers and dialogs fade in: axe measures colours, so let transitions finish first.
  await page.evaluate(SETTLE_ANIMATIONS)
  await page.screenshot({ path: testInfo.outputPath(`${screen}.png`) })
  const violations = await axeViolations(page, include)
  const report = formatViolations(screen, violations)
  console.log(report)
  expect.soft(violations.filter(isSerious).map((v) => `${v.id} (${v.nodes.length})`), report).toEqual([])
}

async function answered(page: Page): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Connected')
  await page.getByRole('textbox', { name: 'Message' }).fill('Say something short')
  await page.keyboard.press('Enter')
  const answer = page.getByRole('article', { name: 'Mira' })
  await expect(answer).toContainText('short answer')
  await expect(answer).toHaveAttribute('aria-busy', 'false')
}

async function mainScreens(page: Page, scheme: string, testInfo: TestInfo): Promise<void> {
  await answered(page)
  await check(page, `${scheme}-chat`, testInfo)

  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings).toBeVisible()
  // Each section of the dialog, on the dialog alone (the page behind is inert).
  for (const tab of await settings.getByRole('tab').all()) {
    const name = await tab.innerText()
    await tab.click()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
    await check(page, `${scheme}-settings-${name.toLowerCase().replace(/\W+/g, '-')}`, testInfo, 'dialog.settings')
  }
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden()

  await page.getByRole('button', { name: 'Backgrounds' }).click()
  await expect(page.getByRole('dialog', { name: 'Backgrounds' }).getByRole('button', { name: 'Night', exact: true })).toBeVisible()
  // The popover covers part of the log (axe would count the buttons under it as too small).
  await check(page, `${scheme}-backgrounds`, testInfo, '[role="dialog"][aria-label="Backgrounds"]')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Backgrounds' })).toBeHidden()

  await page.getByRole('button', { name: 'Character' }).click()
  await expect(page.getByRole('menu', { name: 'Character' }).getByRole('menuitemradio', { name: /Shizuku/ })).toBeVisible()
  await check(page, `${scheme}-character-menu`, testInfo, '[role="menu"][aria-label="Character"]')
  await page.keyboard.press('Escape')
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme })

    test(`the main screens have no serious or critical axe violations (${scheme})`, async ({ mira, agent }, testInfo) => {
      agent.answer = () => [{ tokens: wordTokens(ANSWER), delayMs: 5 }]
      await mainScreens(mira.page, scheme, testInfo)
    })
  })
}

test.describe('each layout', () => {
  test.use({ conversationOpen: false, viewport: { width: 800, height: 600 } })

  test('the companion stage, its problem sentence and the Chat layout have no serious or critical axe violations', async ({ mira, agent }, testInfo) => {
    agent.answer = () => [{ tokens: wordTokens(ANSWER), delayMs: 5 }]
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    await expect(page.locator('.shell__welcome').getByRole('button').first()).toBeVisible()
    await check(page, 'companion-empty', testInfo)
    await page.getByRole('button', { name: 'Conversation log' }).click()
    await answered(page)
    await check(page, 'companion-conversation', testInfo)
    await page.getByRole('button', { name: 'Chat layout' }).click()
    await expect(page.getByRole('button', { name: 'Chat layout' })).toHaveAttribute('aria-pressed', 'true')
    await check(page, 'chat-layout', testInfo)
    // A dead server: the sentence and its buttons under the header.
    await agent.stop()
    await expect(page.locator('#connection-problem')).toBeVisible({ timeout: 15_000 })
    await check(page, 'connection-problem', testInfo)
  })
})

test.describe('in a 360 px window', () => {
  test.use({ viewport: { width: 360, height: 720 }, colorScheme: 'dark' })

  test('the narrow layout has no serious or critical axe violations', async ({ mira, agent }, testInfo) => {
    agent.answer = () => [{ tokens: wordTokens(ANSWER), delayMs: 5 }]
    await answered(mira.page)
    await check(mira.page, 'narrow-chat', testInfo)
    await mira.page.getByRole('button', { name: 'Settings' }).click()
    await expect(mira.page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    await check(mira.page, 'narrow-settings', testInfo)
  })

  test('the check itself catches a button without a name', async ({ mira }) => {
    await expect(mira.page.getByRole('status')).toHaveText('Connected')
    await mira.page.evaluate('document.body.append(document.createElement("button"))')
    expect((await seriousViolations(mira.page)).map((v) => v.id)).toContain('button-name')
  })
})
