/**
 * Automatic at an address that does not tell its kind (a SYMindX runtime at /ws, the fake from
 * test/fake-servers): Mira probes it, connects as SYMindX, and Settings → Connection says what it
 * found, in the Kind field's hint and in Test connection, in English and in Japanese. Then Stop
 * pressed before SYMindX's whole answer arrives ends the turn at once, and the late answer is neither
 * shown nor spoken.
 */
import type { Browser } from 'playwright-core'
import { WebSocketServer } from 'ws'
import type { AddressInfo } from 'node:net'
import { FakeSymindxServer } from '../test/fake-servers/symindx/server'
import { avatarLog, captionsShown, recordAvatar } from './support/avatar-log'
import { expect, test } from './fixtures'
import { launchWeb } from './support/launch'
import { openSettings } from './support/settings'

// This spec starts its own web host and browser, so under the electron project it would only run twice.
test.skip(({ target }) => target !== 'web', 'The server kind is set up in web mode; the web project covers it')

const settingsFor = (url: string) => ({ version: 1, agentId: 'nyx', server: { mode: 'custom', url, kind: 'auto' } })

async function checkAuto(browser: () => Promise<Browser>, server: FakeSymindxServer, locale: string, words: Words, shot: string) {
  const mira = await launchWeb({ token: '', browser, locale, viewport: { width: 900, height: 760 }, settings: settingsFor(server.url) })
  try {
    const { page } = mira
    // Probed and connected as SYMindX: the handshake asked the agent's status, and no chat went out.
    await expect(page.getByRole('status')).toHaveText(words.connected)
    expect(server.framesWhere('type', 'chat')).toEqual([])
    const dialog = await openSettings(page, words.connection, { button: words.settings, dialog: words.settings })
    // Before any test, the Kind field's hint names the kind the connection in use found.
    const kind = dialog.getByRole('combobox', { name: words.kind })
    await expect(kind).toHaveAccessibleDescription(words.inUse)
    await dialog.getByRole('button', { name: words.test }).click()
    const check = (name: string) => dialog.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) })
    await expect(check(words.address)).toContainText(words.found(server.url))
    await expect(check(words.authorize)).toContainText('nyx')
    // The Kind field's hint says the same.
    await expect(kind).toHaveAccessibleDescription(words.found(server.url))
    await kind.scrollIntoViewIfNeeded()
    await page.screenshot({ path: test.info().outputPath(shot), fullPage: false })
  } finally {
    await mira.close()
  }
  expect(mira.problems).toEqual([])
}

interface Words {
  connected: string
  settings: string
  connection: string
  test: string
  address: string
  authorize: string
  kind: string
  inUse: string
  found: (url: string) => string
}

test('Automatic finds a SYMindX runtime at /ws and says so in Settings → Connection, in English and Japanese', async ({ lazyBrowser }) => {
  test.setTimeout(120_000)
  const server = await FakeSymindxServer.start({ agents: [{ id: 'nyx' }] })
  try {
    await checkAuto(
      lazyBrowser,
      server,
      'en-US',
      {
        connected: 'Connected',
        settings: 'Settings',
        connection: 'Connection',
        test: 'Test connection',
        address: 'Address',
        authorize: 'Token',
        kind: 'Kind of server',
        inUse: 'Automatic: this address is a SYMindX server.',
        found: (url) => `Automatic: found SYMindX at ${url}`,
      },
      'auto-found-en.png',
    )
    await checkAuto(
      lazyBrowser,
      server,
      'ja-JP',
      {
        connected: '接続済み',
        settings: '設定',
        connection: '接続',
        test: '接続をテスト',
        address: 'アドレス',
        authorize: 'トークン',
        kind: 'サーバーの種類',
        inUse: '自動：このアドレスは SYMindX サーバーです。',
        found: (url) => `自動：${url} で SYMindX が見つかりました`,
      },
      'auto-found-ja.png',
    )
  } finally {
    await server.stop()
  }
})

test('a server Automatic cannot tell stays offline asking for the kind, and Test connection says so with what to do', async ({ lazyBrowser }, testInfo) => {
  test.setTimeout(90_000)
  // Speaks none of the protocols: says something of its own and closes.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'welcome' }))
    ws.close(1000)
  })
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`
  const mira = await launchWeb({ token: '', browser: lazyBrowser, viewport: { width: 900, height: 760 }, settings: settingsFor(url) })
  try {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Offline')
    await expect(page.getByText(`Cannot tell which kind of server ${url} is: choose its kind in Settings → Server`)).toBeVisible()
    const dialog = await openSettings(page, 'Connection')
    await dialog.getByRole('button', { name: 'Test connection' }).click()
    const address = dialog.getByRole('listitem').filter({ has: page.getByText('Address', { exact: true }) })
    await expect(address).toContainText(`Automatic: could not tell which kind of server ${url} is (the server closed the connection (1000) without saying what it is): choose the kind`)
    await expect(address).toContainText('Choose the server’s kind under “Kind of server” above.')
    await expect(dialog.getByRole('combobox', { name: 'Kind of server' })).toHaveAccessibleDescription(/^Automatic: could not tell/)
    await page.screenshot({ path: testInfo.outputPath('auto-cannot-tell-en.png') })
  } finally {
    await mira.close()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  }
  expect(mira.problems).toEqual([])
})

test('Stop before a SYMindX answer arrives ends the turn at once; the late answer is not shown or spoken', async ({ lazyBrowser }, testInfo) => {
  test.setTimeout(90_000)
  let release: () => void = () => {}
  const later = new Promise<void>((resolve) => (release = resolve))
  const server = await FakeSymindxServer.start({
    agents: [{ id: 'nyx' }],
    answer: async function* (m) {
      if (m.text !== 'Tell me a long story') return yield { say: 'Here I am.' }
      await later
      yield { say: 'Once upon a time there was a dragon.' }
    },
  })
  const mira = await launchWeb({ token: '', browser: lazyBrowser, openConversation: true, settings: settingsFor(server.url) })
  try {
    const { page } = mira
    await expect(page.getByRole('status')).toHaveText('Connected')
    await recordAvatar(page)
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Tell me a long story')
    await page.keyboard.press('Enter')
    await server.waitForFrame((r) => r.frame?.type === 'chat')
    const stop = page.getByRole('button', { name: 'Stop' })
    await stop.click()
    // At once, with nothing from the server: the message is marked stopped, saying the server may go on.
    const log = page.getByRole('log')
    await expect(log).toContainText('Stopped before the answer came: the server may still be working on it')
    await expect(stop).toBeHidden()
    await page.screenshot({ path: testInfo.outputPath('symindx-stopped-before-answer.png') })

    // The answer comes late, then a new question is answered: only the new answer is shown and heard.
    release()
    await expect.poll(() => [...server.history.values()].some((h) => h.length === 2)).toBe(true)
    await box.fill('Are you there?')
    await page.keyboard.press('Enter')
    await expect(log).toContainText('Here I am.')
    await expect.poll(async () => captionsShown(await avatarLog(page)), { timeout: 60_000 }).toEqual(['Here I am.'])
    await expect(log).not.toContainText('dragon')
    expect(captionsShown(await avatarLog(page))).toEqual(['Here I am.'])
    await page.screenshot({ path: testInfo.outputPath('symindx-after-stop.png') })
  } finally {
    await mira.close()
    await server.stop()
  }
  expect(mira.problems).toEqual([])
})
