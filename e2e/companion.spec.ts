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

for (const size of SIZES) {
  for (const [lang, words] of Object.entries(WORDS)) {
    for (const scheme of ['light', 'dark'] as const) {
      test.describe(`${size.width}×${size.height} ${lang} ${scheme}`, () => {
        test.use({ viewport: size, colorScheme: scheme, appLocale: words.locale, conversationOpen: false })

        test('meets the character first; the answer is a bubble; the conversation is one click away', async ({ mira, agent }, testInfo) => {
          const { page } = mira
          const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${size.width}-${lang}-${scheme}-${name}.png`) })
          agent.answer = () => [
            { tokens: ['Nice to see you. ', 'The sky is clear today.'] },
            { tts: 'Nice to see you.', emotion: 'happy' },
            { tts: 'The sky is clear today, and a walk would do us both good before the evening comes.' },
          ]
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
          await expect(chip).toBeInViewport()
          expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
          await shot('empty')

          await chip.click()
          await expect(page.locator('[data-caption]')).toBeVisible()
          await expect(welcome).toBeHidden()
          await shot('bubble')

          const toggle = page.getByRole('button', { name: words.toggle, exact: true })
          await toggle.click()
          await expect(toggle).toHaveAttribute('aria-expanded', 'true')
          await expect(log).toBeVisible()
          await expect(log.getByRole('article').last()).toContainText('The sky is clear today.')
          await expect(log.getByText(words.chip)).toBeVisible()
          expect(await page.evaluate(HORIZONTAL_OVERFLOW)).toBe(0)
          // The stage still shows the character beside (or above) the conversation.
          const figure = await page.locator('.avatar-stage__figure').boundingBox()
          const panel = await page.locator('.shell__conversation').boundingBox()
          expect(figure && panel).toBeTruthy()
          if (figure && panel) {
            if (size.width <= 480) expect(figure.y + figure.height * 0.6).toBeLessThanOrEqual(panel.y)
            else expect(figure.height).toBeGreaterThan(120)
          }
          await shot('conversation')
        })
      })
    }
  }
}
