/**
 * The avatar config in use: its `emotionMap` (model_info) decides which built-in expression an
 * emotion word shows, and the core keeps the config across a page reload (host snapshot).
 */
import type { Page } from '@playwright/test'
import { FakeAgentServer } from '../test/support/fake-agent-server'
import { expect, test as base, TOKEN } from './fixtures'
import { avatarLog, captionsShown, recordAvatar, whileShown } from './support/avatar-log'

/** ~135 characters: the fake TTS makes 1.5 s of tone from it. */
const LONG = (n: number): string => `Sentence ${n} is long enough to keep the voice busy for a good while, so the test can watch it closely and calmly, start to end.`

const test = base.extend({
  agent: async ({ target: _target }, use) => {
    const agent = await FakeAgentServer.start({
      token: TOKEN,
      avatarConfigs: [
        { filename: 'mira.yaml', name: 'Mira' },
        // Words mapped onto the built-in avatar's expressions (`fear` is `sad` by default).
        { filename: 'moody.yaml', name: 'Moody', emotionMap: { joy: 'happy', fear: 'surprised' } },
      ],
    })
    await use(agent)
    await agent.stop()
  },
})

/** The character's name, the window's title (the header's h1). */
const nameTag = (page: Page) => page.getByRole('heading', { level: 1 })

async function ask(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('status')).toHaveText('Connected')
  await recordAvatar(page)
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

async function choose(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Character' }).click()
  const menu = page.getByRole('menu', { name: 'Character' })
  await menu.getByRole('menuitemradio', { name: new RegExp(name) }).click()
  await expect(menu).toBeHidden()
}

/** Speaks one sentence per emotion (recorded since `ask`) and expects each expression while its sentence played. */
async function expectExpressions(page: Page, shown: [emotion: string, expression: string][], from: number): Promise<void> {
  const sentences = shown.map((_, i) => LONG(from + i))
  await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 30_000 }).toEqual(sentences)
  const log = await avatarLog(page)
  for (const [i, [emotion, expression]] of shown.entries()) {
    expect(whileShown(log, sentences[i]!).at(-1)?.expression, emotion).toBe(expression)
  }
}

test('a config’s emotion map decides the expression: joy is happy, fear is surprised', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  agent.answer = () => [{ tokens: ['Oh no.'] }, { tts: LONG(0), emotion: 'fear' }]
  await ask(page, 'Scare me')
  // The built-in map: fear looks sad.
  await expectExpressions(page, [['fear', 'sad']], 0)

  await choose(page, 'Moody')
  await expect(nameTag(page)).toHaveText('Character: Moody')
  agent.answer = () => [{ tokens: ['Yay. Eek.'] }, { tts: LONG(1), emotion: 'joy' }, { tts: LONG(2), emotion: 'fear' }, { tts: LONG(3), emotion: 'bewildered' }]
  await ask(page, 'Again')
  await expectExpressions(
    page,
    [
      ['joy', 'happy'],
      ['fear', 'surprised'],
      ['bewildered', 'neutral'],
    ],
    1,
  )
  await page.screenshot({ path: testInfo.outputPath('moody-neutral.png') })
})

test('the chosen config survives a page reload: the name tag and the emotion map', async ({ mira, agent }, testInfo) => {
  const { page } = mira
  await expect(page.getByRole('status')).toHaveText('Connected')
  await choose(page, 'Moody')
  await expect(nameTag(page)).toHaveText('Character: Moody')

  await page.reload()
  await expect(page.getByRole('status')).toHaveText('Connected')
  await expect(nameTag(page)).toHaveText('Character: Moody')
  await page.screenshot({ path: testInfo.outputPath('moody-after-reload.png') })
  await page.getByRole('button', { name: 'Character' }).click()
  await expect(page.getByRole('menuitemradio', { name: /Moody/ })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('Escape')

  agent.answer = () => [{ tokens: ['Eek.'] }, { tts: LONG(0), emotion: 'fear' }]
  await ask(page, 'Scare me')
  await expectExpressions(page, [['fear', 'surprised']], 0)
})
