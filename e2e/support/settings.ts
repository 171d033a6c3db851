/** The settings dialog, for the specs: opened by its header button, one section shown through its side navigation. */
import { expect, type Locator, type Page } from '@playwright/test'

/** Opens Settings (named `dialogName` in the page's language) and shows the section whose tab is named `section`. */
export async function openSettings(page: Page, section?: string, names: { button: string; dialog: string } = { button: 'Settings', dialog: 'Settings' }): Promise<Locator> {
  await page.getByRole('button', { name: names.button, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: names.dialog })
  await expect(dialog).toBeVisible()
  if (section) await showSection(dialog, section)
  return dialog
}

/** Shows one section of the open dialog by its tab. */
export async function showSection(dialog: Locator, section: string): Promise<void> {
  const tab = dialog.getByRole('tab', { name: section, exact: true })
  await tab.click()
  await expect(tab).toHaveAttribute('aria-selected', 'true')
}

/**
 * Saves Settings after the language was switched: the dialog is named in the new language by then,
 * so a locator made before the switch no longer matches it and cannot tell when it closed.
 */
export async function saveInLanguage(page: Page, names: { dialog: string; save: string }): Promise<void> {
  const dialog = page.getByRole('dialog', { name: names.dialog })
  await dialog.getByRole('button', { name: names.save, exact: true }).click()
  await expect(dialog).toBeHidden()
}
