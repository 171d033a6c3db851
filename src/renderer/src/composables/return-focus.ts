/**
 * Focus back to what opened a dialog, unless the user has already moved it somewhere else: a
 * dialog's `close` event comes a task after it closed, by when the user may be typing elsewhere.
 */
export function returnFocus(opener: HTMLElement | undefined, dialog: HTMLElement | undefined): void {
  const active = document.activeElement
  if (opener && (!active || active === document.body || dialog?.contains(active))) opener.focus()
}
