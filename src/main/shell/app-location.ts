/**
 * Where the app's own pages live: the built `index.html` (a `file://` URL) or, in `dev`, the
 * electron-vite dev server. Everything that trusts "our app" (IPC senders, navigation,
 * permissions) asks `isAppUrl`.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export type AppLocation = { kind: 'file'; indexPath: string } | { kind: 'dev'; url: string }

export interface AppPaths {
  preload: string
  indexHtml: string
  icon: string
  /** `resources/`: the app and tray icons. */
  resources: string
}

/** `out/main` holds the main bundle; the preload and renderer are its siblings. */
export function appPaths(mainDir: string): AppPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    indexHtml: join(mainDir, '..', 'renderer', 'index.html'),
    icon: join(mainDir, '..', '..', 'resources', 'icon.png'),
    resources: join(mainDir, '..', '..', 'resources'),
  }
}

/** The dev server only when not packaged and electron-vite gave an http(s) URL. */
export function resolveAppLocation(options: { packaged: boolean; rendererUrl?: string; indexHtml: string }): AppLocation {
  const url = options.packaged ? undefined : options.rendererUrl
  if (url) {
    const parsed = new URL(url)
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return { kind: 'dev', url: parsed.toString() }
  }
  return { kind: 'file', indexPath: options.indexHtml }
}

/** What `loadURL` gets. */
export function appStartUrl(location: AppLocation): string {
  return location.kind === 'dev' ? location.url : pathToFileURL(location.indexPath).toString()
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * True for our own page only: the exact `index.html` file (any query or hash), or any path on the
 * dev server's origin. Other local files are not "ours", whatever directory they are in.
 */
export function isAppUrl(location: AppLocation, url: string): boolean {
  const parsed = parse(url)
  if (!parsed) return false
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin
  const own = pathToFileURL(location.indexPath)
  return parsed.protocol === 'file:' && parsed.host === own.host && samePath(parsed.pathname, own.pathname)
}

// Chromium and Node may escape different characters of the same path.
function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b)
  } catch {
    return false
  }
}
