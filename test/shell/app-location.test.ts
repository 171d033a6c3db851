import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { appPaths, appStartUrl, isAppUrl, resolveAppLocation, type AppLocation } from '../../src/main/shell/app-location'

const indexHtml = '/opt/My Apps/mira/out/renderer/index.html'

describe('app location', () => {
  it('finds the preload and renderer next to the main bundle', () => {
    const paths = appPaths('/opt/mira/out/main')
    expect(paths.preload).toBe(join('/opt/mira/out/preload/index.cjs'))
    expect(paths.indexHtml).toBe(join('/opt/mira/out/renderer/index.html'))
    expect(paths.icon).toBe(join('/opt/mira/resources/icon.png'))
    expect(paths.resources).toBe(join('/opt/mira/resources'))
  })

  it('uses the dev server only when unpackaged and given an http(s) URL', () => {
    expect(resolveAppLocation({ packaged: false, rendererUrl: 'http://localhost:5173', indexHtml })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
    })
    expect(resolveAppLocation({ packaged: true, rendererUrl: 'http://localhost:5173', indexHtml })).toEqual({ kind: 'file', indexPath: indexHtml })
    expect(resolveAppLocation({ packaged: false, rendererUrl: 'javascript:alert(1)', indexHtml })).toEqual({ kind: 'file', indexPath: indexHtml })
    expect(resolveAppLocation({ packaged: false, indexHtml }).kind).toBe('file')
  })

  it('accepts exactly our index.html as a file URL, with any query or hash', () => {
    const location: AppLocation = { kind: 'file', indexPath: indexHtml }
    const start = appStartUrl(location)
    expect(start).toBe('file:///opt/My%20Apps/mira/out/renderer/index.html')
    expect(isAppUrl(location, start)).toBe(true)
    expect(isAppUrl(location, `${start}#/settings`)).toBe(true)
    expect(isAppUrl(location, `${start}?x=1`)).toBe(true)
    expect(isAppUrl(location, 'file:///opt/My Apps/mira/out/renderer/index.html')).toBe(true)
    expect(isAppUrl(location, 'file:///opt/My%20Apps/mira/out/renderer/other.html')).toBe(false)
    expect(isAppUrl(location, 'file:///etc/passwd')).toBe(false)
    expect(isAppUrl(location, 'file://evil-host/opt/My%20Apps/mira/out/renderer/index.html')).toBe(false)
    expect(isAppUrl(location, 'https://example.com/opt/My%20Apps/mira/out/renderer/index.html')).toBe(false)
    expect(isAppUrl(location, 'not a url')).toBe(false)
    expect(isAppUrl(location, 'file:///opt/My%20Apps/mira/out/renderer/%E0%A4%A.html')).toBe(false)
  })

  it('accepts the dev server origin only', () => {
    const location: AppLocation = { kind: 'dev', url: 'http://localhost:5173/' }
    expect(appStartUrl(location)).toBe('http://localhost:5173/')
    expect(isAppUrl(location, 'http://localhost:5173/src/main.ts')).toBe(true)
    expect(isAppUrl(location, 'http://localhost:5174/')).toBe(false)
    expect(isAppUrl(location, 'https://localhost:5173/')).toBe(false)
    expect(isAppUrl(location, 'http://localhost.evil.example:5173/')).toBe(false)
  })
})
