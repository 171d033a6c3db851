/**
 * Page code for the message specs, as strings (the e2e files are type-checked without the DOM
 * library; see page-scripts.ts).
 */

/** Counts every <script> element added anywhere in the page from now on: `window.__scriptsAdded`. */
export const WATCH_SCRIPTS = `(() => {
  window.__scriptsAdded = 0
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeName === 'SCRIPT' || (n.querySelectorAll && n.querySelectorAll('script').length)) window.__scriptsAdded++
    }
  }).observe(document, { subtree: true, childList: true })
})()`

export const SCRIPTS_ADDED = 'window.__scriptsAdded'

/** Set by a payload that ran. */
export const XSS_FLAG = 'window.__xss'

/** Elements or attributes in the log's rendered answers (the app's own icons aside) that could run code. */
export const LOG_EXECUTABLES = `(() => {
  const found = []
  for (const el of document.querySelectorAll('[role="log"] .md *')) {
    if (/^(script|iframe|object|embed|form|style|meta|base|link|svg|math|input|details|template)$/i.test(el.localName)) found.push(el.localName)
    for (const a of el.attributes) {
      if (a.name.startsWith('on') || a.name === 'srcdoc' || a.name === 'style') found.push(el.localName + '[' + a.name + ']')
      if ((a.name === 'href' || a.name === 'src') && !/^(https?:|mailto:|data:image\\/(png|gif|jpeg|webp);)/i.test(a.value.replace(/[\\s\\0-\\x1f]/g, ''))) found.push(el.localName + '[' + a.name + '=' + a.value + ']')
    }
  }
  return found
})()`

export const READ_CLIPBOARD = 'navigator.clipboard.readText()'
