/** Opens a URL in the system browser, when there is a display to show it on. */
import { spawn } from 'node:child_process'

export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

function opener(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]]
  // Not `cmd /c start`: cmd would read the `&` in the key as a command separator.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]]
  return ['xdg-open', [url]]
}

/** Resolves with an error line when the opener could not be started; never waits for the browser. */
export function openBrowser(url: string, platform: NodeJS.Platform): Promise<string | undefined> {
  const [command, args] = opener(platform, url)
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.once('error', (error) => resolve(`cannot open a browser (${command}: ${error.message})`))
    child.once('spawn', () => {
      child.unref()
      resolve(undefined)
    })
  })
}
