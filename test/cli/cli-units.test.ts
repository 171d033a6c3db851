/** The CLI's pure pieces, in process: data-dir rules, help and usage, tool text, renderer freshness. */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { coalescedOutput } from '../../src/cli/chat/coalesced-output'
import { compactText } from '../../src/cli/chat/render'
import { main } from '../../src/cli/main'
import { buildRenderer, rendererState } from '../../src/cli/web/renderer-build'
import { defaultDataDir } from '../../src/main/core/paths'
import { tempDir } from './cli-process'
import { memoryIo } from './memory-io'

describe('defaultDataDir', () => {
  it('prefers MIRA_DATA_DIR, then the platform folder', () => {
    expect(defaultDataDir({ MIRA_DATA_DIR: '/data/mira' }, 'linux', '/home/u')).toBe('/data/mira')
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Mira')
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/Mira')
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Mira')
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Mira')
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Mira')
  })
})

describe('main', () => {
  it('prints help and version with exit 0', async () => {
    const top = memoryIo()
    expect(await main(['--help'], top)).toBe(0)
    for (const name of ['chat', 'doctor', 'serve', 'web']) expect(top.out).toContain(`  ${name}`)
    const chat = memoryIo()
    expect(await main(['chat', '--help'], chat)).toBe(0)
    expect(chat.out).toContain('Usage: mira chat [options] MESSAGE')
    const helpCmd = memoryIo()
    expect(await main(['help', 'doctor'], helpCmd)).toBe(0)
    expect(helpCmd.out).toContain('Usage: mira doctor')
    const version = memoryIo()
    expect(await main(['--version'], version)).toBe(0)
    expect(version.out).toMatch(/^mira \d+\.\d+\.\d+\n$/)
  })

  it('answers usage errors with 64, one line and a hint', async () => {
    const cases: [string[], string][] = [
      [[], 'mira: no command given'],
      [['fly'], 'mira: unknown command "fly"'],
      [['--verbose'], 'mira: unknown option --verbose'],
      [['serve', '--port'], 'mira: option --port needs a value'],
      [['doctor', '--json=yes'], 'mira: option --json takes no value'],
      [['doctor', 'extra'], 'mira: unexpected argument extra'],
      [['chat', '--silence-timeout', '1.5', 'hi'], 'mira: --silence-timeout must be a whole number from 100 to 3600000 (got "1.5")'],
      [['chat', '--server', 'ftp://x', '--token', 't', 'hi'], 'mira: bad server address in --server: "ftp://x" must start with ws://, wss://, http:// or https://'],
    ]
    for (const [args, line] of cases) {
      const io = memoryIo()
      expect(await main(args, io), args.join(' ')).toBe(64)
      const lines = io.err.trimEnd().split('\n')
      expect(lines[0]).toBe(line)
      expect(lines).toHaveLength(2)
      expect(lines[1]).toMatch(/^usage: mira /)
      expect(io.out).toBe('')
    }
  })
})

describe('compactText', () => {
  it('keeps tool text on one short line', () => {
    expect(compactText({ a: [1, 2] })).toBe('{"a":[1,2]}')
    expect(compactText('two\nlines')).toBe('two lines')
    const long = compactText('x'.repeat(1000))
    expect(long).toHaveLength(300)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('rendererState', () => {
  it('is missing without a build, stale when a source is newer, fresh otherwise', async () => {
    const root = tempDir()
    const outDir = join(root, 'out')
    const src = join(root, 'src')
    mkdirSync(join(src, 'deep'), { recursive: true })
    writeFileSync(join(src, 'deep', 'App.vue'), '<template />')
    const paths = { outDir, sources: [src, join(root, 'absent')] }
    expect(await rendererState(paths)).toBe('missing')
    mkdirSync(outDir)
    writeFileSync(join(outDir, 'index.html'), '<html>')
    const past = new Date(Date.now() - 60_000)
    utimesSync(join(src, 'deep', 'App.vue'), past, past)
    expect(await rendererState(paths)).toBe('fresh')
    utimesSync(join(outDir, 'index.html'), new Date(past.getTime() - 60_000), new Date(past.getTime() - 60_000))
    expect(await rendererState(paths)).toBe('stale')
  })
})

describe('buildRenderer', () => {
  it('rejects with the end of the build output when the build fails', async () => {
    // A folder without electron.vite.config.ts cannot be built.
    await expect(buildRenderer(tempDir())).rejects.toThrow(/^the build exited with 1:\n\S/)
  })
})

describe('coalescedOutput', () => {
  it('writes what one turn of the event loop printed in one go, and stderr after what stdout holds', async () => {
    const writes: string[] = []
    const output = coalescedOutput({ write: (text: string) => writes.push(`out:${text}`) }, { write: (text: string) => writes.push(`err:${text}`) })
    output.stdout.write('It ')
    output.stdout.write('is ')
    output.stderr.write('⚙ calculator\n')
    output.stdout.write('4.')
    output.stdout.write('\n')
    expect(writes).toEqual(['out:It is ', 'err:⚙ calculator\n'])
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes).toEqual(['out:It is ', 'err:⚙ calculator\n', 'out:4.\n'])
    output.stdout.write('more')
    output.flush()
    expect(writes.at(-1)).toBe('out:more')
  })
})
