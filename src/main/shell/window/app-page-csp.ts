/**
 * The built app page is a `file://` URL, and Chromium applies no response headers to `file://`
 * loads: the session's CSP header (security.ts) never reached it, only the page's `<meta>`
 * fallback, which must allow any http(s) origin since the server is not known at build time.
 * So the `file:` protocol is handled here: the app's own page gets the CSP built for the server in
 * use, as a header and in its `<meta>`, as strict as web mode's; every other file passes unchanged.
 */
import type { ProtocolHandler } from '../background-protocol'

export interface AppPagePolicy {
  isAppUrl(url: string): boolean
  /** The CSP for the server in use now. */
  csp(): string
  /** The real file load (Electron: `net.fetch(request, { bypassCustomProtocolHandlers: true })`). */
  fetchFile(request: Request): Promise<Response>
}

export function serveAppPageWithCsp(protocol: ProtocolHandler, policy: AppPagePolicy): void {
  protocol.handle('file', async (request) => {
    const response = await policy.fetchFile(request)
    if (!policy.isAppUrl(request.url) || !response.ok) return response
    const csp = policy.csp()
    const html = pageWithCsp(await response.text(), csp)
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp } })
  })
}

const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i

/** The page with its CSP `<meta>` replaced by `csp` (added at the top of `<head>` when it has none). */
export function pageWithCsp(html: string, csp: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`
  if (META.test(html)) return html.replace(META, () => meta)
  return html.replace(/<head>/i, (head) => `${head}\n    ${meta}`)
}
