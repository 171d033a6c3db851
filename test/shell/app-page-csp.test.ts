/**
 * The Electron app's page policy is as strict as web mode's: only the connected server's origin
 * for images, media and connections (the builder for both, and the `file:` handler that puts it
 * on the built page).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCsp } from '../../src/shared/csp'
import { pageWithCsp, serveAppPageWithCsp } from '../../src/main/shell/window/app-page-csp'

const SERVER = 'http://127.0.0.1:5500'
const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1)
const APP = 'file:///opt/mira/out/renderer/index.html'
const SOURCE_PAGE = readFileSync(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8')

describe('buildCsp', () => {
  const electron = buildCsp({ serverOrigin: SERVER, localBackgrounds: true, localCharacters: true })
  const web = buildCsp({ serverOrigin: SERVER, connect: ['ws://127.0.0.1:7000'] })

  // The user's Live2D runtime is a script of their own, served by the app (Electron: mira-character:).
  it.each([
    ['the Electron app', electron, ["'self'", "'wasm-unsafe-eval'", 'mira-character:']],
    ['web mode', web, ["'self'", "'wasm-unsafe-eval'"]],
  ])('allows no remote scheme wholesale for %s, only the server in use', (_name, csp, scripts) => {
    for (const name of ['img-src', 'media-src', 'connect-src', 'default-src', 'script-src']) {
      const sources = directive(csp, name) ?? []
      for (const wide of ['http:', 'https:', 'ws:', 'wss:', '*']) expect(sources, `${name} in ${csp}`).not.toContain(wide)
    }
    expect(directive(csp, 'img-src')).toContain(SERVER)
    expect(directive(csp, 'media-src')).toContain(SERVER)
    expect(directive(csp, 'script-src')).toEqual(scripts)
  })

  it("differs between the two only by the user's backgrounds and characters schemes and the bridge socket", () => {
    expect(directive(electron, 'img-src')).toEqual(["'self'", 'data:', 'blob:', SERVER, 'mira-bg:', 'mira-character:'])
    // blob:: a model's embedded textures are read back from the blob URLs its loader makes.
    expect(directive(web, 'connect-src')).toEqual(["'self'", 'blob:', SERVER, 'ws://127.0.0.1:7000'])
    expect(directive(electron, 'connect-src')).toEqual(["'self'", 'blob:', SERVER, 'mira-character:'])
  })
})

describe('the app page over file://', () => {
  it('replaces the wide fallback <meta> with the built policy', () => {
    const csp = buildCsp({ serverOrigin: SERVER, localBackgrounds: true })
    expect(SOURCE_PAGE).toMatch(/img-src [^;]*https:/)
    const page = pageWithCsp(SOURCE_PAGE, csp)
    const metas = [...page.matchAll(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g)].map((m) => m[1])
    expect(metas).toEqual([csp])
    expect(page).toContain('<div id="app"></div>')
    expect(pageWithCsp('<html><head><title>x</title></head></html>', csp)).toContain(`<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`)
  })

  it('serves the app page with the policy as a header too, and every other file as it is', async () => {
    let handler: ((request: Request) => Response | Promise<Response>) | undefined
    const protocol = { handle: (scheme: string, h: typeof handler) => scheme === 'file' && (handler = h) }
    let server = SERVER
    serveAppPageWithCsp(protocol as never, {
      isAppUrl: (url) => url.split('#')[0] === APP,
      csp: () => buildCsp({ serverOrigin: server }),
      fetchFile: async (request) => new Response(request.url === APP ? SOURCE_PAGE : 'console.log(1)'),
    })
    server = 'http://10.0.0.2:5500'
    const page = await handler!(new Request(APP))
    expect(page.headers.get('Content-Security-Policy')).toBe(buildCsp({ serverOrigin: server }))
    expect(await page.text()).toContain(`content="${buildCsp({ serverOrigin: server })}"`)
    const script = await handler!(new Request('file:///opt/mira/out/renderer/assets/index.js'))
    expect(script.headers.get('Content-Security-Policy')).toBeNull()
    expect(await script.text()).toBe('console.log(1)')
  })
})
