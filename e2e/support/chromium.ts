/** Debian's Chromium and the flags every e2e browser starts with (never a downloaded browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
]

/** A Chromium whose microphone plays `wavFile` (looped), with the permission prompt answered yes. */
export const fakeMicLaunchOptions = (wavFile: string): { executablePath: string; args: string[] } => ({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wavFile}`],
})
