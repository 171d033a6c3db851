/**
 * Copies text: the async Clipboard API when the page may use it, else the old select-and-copy on
 * a hidden textarea (an insecure origin, or a denied permission). Resolves to whether it worked.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard
  if (clipboard) {
    try {
      await clipboard.writeText(text)
      return true
    } catch {
      // Denied or unfocused: the fallback below may still work.
    }
  }
  return legacyCopy(text, doc)
}

function legacyCopy(text: string, doc: Document): boolean {
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  doc.body.append(area)
  area.select()
  let copied: boolean
  try {
    copied = doc.execCommand('copy')
  } catch {
    copied = false
  }
  area.remove()
  return copied
}
