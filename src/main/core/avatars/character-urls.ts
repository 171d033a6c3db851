/**
 * The URLs the page loads the user's characters and Live2D runtimes from, and the way back from
 * such a URL to a stored file. Electron: `mira-character://local/<file>`. Web mode:
 * `/local-characters/<segment>/<file>` on the web host, `segment` random per launch (a script or
 * model request cannot carry the web key, so the path is what no other page can know). Either way
 * the app's own origin serves them, which Cubism Core (a script) needs under the CSP.
 */
import { randomBytes } from 'node:crypto'
import { isServedCharacterFile, LOCAL_CHARACTER_SCHEME, LOCAL_CHARACTERS_WEB_PATH } from '../../../shared/avatar/files'

export interface CharacterUrls {
  urlOf(file: string): string
  fileOf(url: string): string | undefined
}

export function characterUrls(transport: 'electron' | 'web', segment = randomBytes(16).toString('base64url')): CharacterUrls {
  const prefix = transport === 'electron' ? `${LOCAL_CHARACTER_SCHEME}://local/` : `${LOCAL_CHARACTERS_WEB_PATH}${segment}/`
  return {
    urlOf: (file) => `${prefix}${file}`,
    fileOf(url) {
      const file = url.startsWith(prefix) ? url.slice(prefix.length) : undefined
      return file !== undefined && isServedCharacterFile(file) ? file : undefined
    },
  }
}
