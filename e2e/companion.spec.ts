/**
 * The companion layout (the default): the stage fills the window, the answer is a speech bubble by
 * the character, the conversation one click away (a drawer, a bottom sheet in a narrow window),
 * the character's name in the header, the composer and the empty stage. Seen at three sizes, in
 * English and Japanese, light and dark.
 */
import { expect, test } from './fixtures'
import { HORIZONTAL_OVERFLOW } from './support/page-scripts'

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
  { width: 390, height: 844 },
]

const WORDS = {
  en: { locale: 'en-US', connected: 'Connected', greeting: 'Hi, I’m Mira.', placeholder: 'Message Mira…', toggle: 'Conversation log', log: 'Conversation', chip: 'Hi! How are you today?' },
  ja: { locale: 'ja-JP', connected: '接続済み', greeting: 'こんにちは、Mira です。', placeholder: 'Mira にメッセージ…', toggle: 'チャット欄', log: '会話', chip: 'こんにちは！今日の調子はどう？' },
}

const SCHEMES = ['light', 'dark'] as const

for (const size of SIZES) {
  for (const [lang, words] of Object.entries(WORDS)) {
    test.describe(`${size.width}×${size.height} ${lang}`, () => {
      test.use({ viewport: size, appLocale: words.locale, conversationOpen: false })

      // One app for both colour schemes: each step is checked and pictured in light, then in dark
      // (the styles follow prefers-color-scheme live).
      test('meets the character first; the answer is a bubble; the conversation is one click away, light and dark', async ({ mira, agent }, testInfo) => {
        test.setTimeout(180_000)
        const { page } = mira
        const inEachScheme = async (name: string, check: () => Promise<void>) => {
          for (const scheme of SCHEMES) {
            await page.emulateMedia({ colorScheme: scheme })
            expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark')
            await check()
            await page.screenshot({ path: testInfo.outputPath(`${size.width}-${lang}-${scheme}-${name}.png`) })
          }
        }
        agent.answer = () => [
          { tokens: ['Nice to see you. ', 'The sky is clear today.'] },
          { tts: 'Nice to see you.', emotion: 'happy' },
          { tts: 'The sky is clear today, and a walk would do us both good before the evening comes.' },
        ]
        // The voice plays for minutes: the bubble is still up when it is pictured in the second scheme, however slow the machine.
        agent.ttsDurationMs = () => 120_000
        await expect(page.getByRole('status')).toHaveText(words.connected)
        const stage = page.getByRole('region', { name: /Stage|ステージ/ })
        expect((await stage.boundingBox())?.width).toBe(size.width)
        await expect(page.getByRole('heading', { level: 1 })).toContainText('Mira')
        await expect(page.getByRole('textbox')).toHaveAttribute('placeholder', words.placeholder)
        const log = page.getByRole('log', { name: words.log })
        await expect(log).toBeHidden()
        const welcome = page.locator('.shell__welcome')
        await expect(welcome).toContainText(words.greeting)
        const chip = welcome.getByRole('button', { name: words.chip })
        await inEachScheme('empty', async () => {
          await expect(chip).toBeInViewport()
          expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
        })

        await chip.click()
        // Minutes of voice are made and decoded first: slow on a busy machine (a last resort, not a budget).
        await expect(page.locator('[data-caption]')).toBeVisible({ timeout: 60_000 })
        await expect(welcome).toBeHidden()
        await inEachScheme('bubble', () => expect(page.locator('[data-caption]')).toBeVisible())

        const toggle = page.getByRole('button', { name: words.toggle, exact: true })
        await toggle.click()
        await expect(toggle).toHaveAttribute('aria-expanded', 'true')
        await expect(log).toBeVisible()
        await expect(log.getByRole('article').last()).toContainText('The sky is clear today.')
        await expect(log.getByText(words.chip)).toBeVisible()
        await inEachScheme('conversation', async () => {
          expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
          // The stage still shows the character beside (or above) the conversation.
          const figure = await page.locator('.avatar-stage__figure').boundingBox()
          const panel = await page.locator('.shell__conversation').boundingBox()
          expect(figure && panel).toBeTruthy()
          if (figure && panel) {
            if (size.width <= 480) expect(figure.y + figure.height * 0.6).toBeLessThanOrEqual(panel.y)
            else expect(figure.height).toBeGreaterThan(120)
          }
        })
      })
    })
  }
}
