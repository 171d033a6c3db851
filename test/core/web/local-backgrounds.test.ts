/** Web mode's route for the user's backgrounds: only the core's own URLs, only for our own page. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../src/main/core/web'
import { BackgroundStore } from '../../../src/main/core/backgrounds/background-store'
import { backgroundUrls } from '../../../src/main/core/backgrounds/background-urls'
import { createStubCore } from './stub-core'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

let dir: string
let host: WebHost
let url: string

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-web-bg-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html>')
  const urls = backgroundUrls('web')
  const store = await BackgroundStore.open(join(dir, 'backgrounds'), { urlOf: urls.urlOf })
  url = (await store.add('beach.png', PNG)).url
  const core = {
    ...createStubCore(),
    localBackgrounds: { open: async (path: string) => (urls.fileOf(path) ? store.read(urls.fileOf(path) ?? '') : undefined) },
  }
  host = await startWebHost({ core, rendererDir: dir, log: () => {} })
})

afterEach(async () => {
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

it('serves a stored background to our own page, with its real type, not to other sites', async () => {
  const own = await get(url, { 'Sec-Fetch-Site': 'same-origin' })
  expect(own.status).toBe(200)
  expect(own.headers['content-type']).toBe('image/png')
  expect(own.headers['cross-origin-resource-policy']).toBe('same-origin')
  expect(new Uint8Array(own.body)).toEqual(PNG)
  expect((await get(url, {}, 'HEAD')).status).toBe(200)
  expect((await get(url, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
  expect((await get(url, {}, 'POST')).status).toBe(405)
})

it('refuses anything the core did not hand out: another launch, traversal, other files', async () => {
  const file = url.split('/').pop() ?? ''
  for (const path of [
    `/local-backgrounds/old-launch/${file}`,
    url.replace(file, '..%2F..%2Findex.html'),
    url.replace(file, '../../index.html'),
    url.replace(file, 'names.json'),
    `${url}/x`,
    '/local-backgrounds/',
  ]) {
    // Dot segments are refused before the route (400); the rest are not found.
    expect((await get(path)).status, path).toBe(path.includes('/../') ? 400 : 404)
  }
})
