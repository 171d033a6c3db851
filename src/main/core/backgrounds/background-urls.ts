/**
 * The URLs the page loads the user's backgrounds from, and the way back from such a URL to a
 * stored file. Electron: `mira-bg://local/<file>` (a protocol only our app has). Web mode:
 * `/local-backgrounds/<segment>/<file>` on the web host, where `segment` is random per launch:
 * an <img> cannot send the web key, so the path itself is the part no other page can know.
 */
import { randomBytes } from 'node:crypto'
import { BACKGROUND_FILE_PATTERN, LOCAL_BACKGROUND_SCHEME, LOCAL_BACKGROUNDS_WEB_PATH } from '../../../shared/background-image'

export interface BackgroundUrls {
  urlOf(file: string): string
  /** The stored file a URL (or, in web mode, a request path) names; `undefined` for anything else. */
  fileOf(url: string): string | undefined
}

const ELECTRON_PREFIX = `${LOCAL_BACKGROUND_SCHEME}://local/`

export function backgroundUrls(transport: 'electron' | 'web', segment = randomBytes(16).toString('base64url')): BackgroundUrls {
  const prefix = transport === 'electron' ? ELECTRON_PREFIX : `${LOCAL_BACKGROUNDS_WEB_PATH}${segment}/`
  return {
    urlOf: (file) => `${prefix}${file}`,
    fileOf(url) {
      // Only exactly what `urlOf` makes: no query, no encoding, no dot segments.
      const file = url.startsWith(prefix) ? url.slice(prefix.length) : undefined
      return file !== undefined && BACKGROUND_FILE_PATTERN.test(file) ? file : undefined
    },
  }
}
