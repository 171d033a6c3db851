/** The benches that draw answers look at them in the Chat layout: at the benches' size the companion layout folds the log away. */
import type { Page } from 'playwright-core'

/** Switches to the Chat layout and waits for the conversation log, with its empty-log greeting when `empty`. */
export async function showConversation(page: Page, empty = false): Promise<void> {
  await page.getByRole('button', { name: 'Chat layout' }).click()
  const log = page.getByRole('log', { name: 'Conversation' })
  await log.waitFor()
  if (empty) await log.getByRole('list', { name: 'Suggestions' }).waitFor()
}
