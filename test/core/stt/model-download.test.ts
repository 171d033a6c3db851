/**
 * Downloading a whisper.cpp model, against a loopback server serving a generated file: progress,
 * resume after a cut (HTTP Range), a server that ignores ranges, cancel and resume, a bad checksum
 * (file removed, nothing left to use), 404, a full disk. No real model downloads here.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WhisperModelInfo } from '../../../src/main/core/stt/models/catalogue'
import { WhisperModels } from '../../../src/main/core/stt/models/whisper-models'
import type { WhisperModelState } from '../../../src/shared/host/stt'
import { FileServer } from '../../support/file-server'
import { mountSmallDisk } from '../../support/full-disk'

const CONTENT = randomBytes(300_000)
const sha256 = createHash('sha256').update(CONTENT).digest('hex')
const sha1 = createHash('sha1').update(CONTENT).digest('hex')
const entry = (id: string, checksum: WhisperModelInfo['checksum']): WhisperModelInfo => ({ id, file: `ggml-${id}.bin`, url: 'unused', sizeMiB: 0.3, englishOnly: false, checksum })
const CATALOGUE = [entry('good', { algorithm: 'sha256', hex: sha256 }), entry('sha1', { algorithm: 'sha1', hex: sha1 }), entry('bad', { algorithm: 'sha256', hex: '0'.repeat(64) }), entry('gone', { algorithm: 'sha256', hex: sha256 })]

let dir: string
let server: FileServer
let changes: WhisperModelState[][]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-models-'))
  server = await FileServer.start({ 'ggml-good.bin': CONTENT, 'ggml-sha1.bin': CONTENT, 'ggml-bad.bin': CONTENT })
  changes = []
})
afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

const models = (folder = dir) => new WhisperModels({ dir: folder, baseUrl: server.baseUrl, catalogue: CATALOGUE, onChange: (list) => changes.push(list) })
const stateOf = async (store: WhisperModels, id: string) => (await store.list()).find((m) => m.id === id)
const untilChange = (pred: (m: WhisperModelState) => boolean, id: string) =>
  expect.poll(() => changes.some((list) => list.some((m) => m.id === id && pred(m))), { timeout: 30_000 }).toBe(true)

describe('whisper.cpp model downloads', () => {
  it('downloads with progress to the models folder and checks the digest (SHA-256 or SHA-1)', async () => {
    const store = models()
    expect(await stateOf(store, 'good')).toMatchObject({ state: 'absent', path: join(dir, 'ggml-good.bin') })
    await store.download('good')
    await store.download('sha1')
    expect(readFileSync(join(dir, 'ggml-good.bin')).equals(CONTENT)).toBe(true)
    expect(existsSync(join(dir, 'ggml-good.bin.part'))).toBe(false)
    expect(await stateOf(store, 'good')).toMatchObject({ state: 'ready' })
    expect(await stateOf(store, 'sha1')).toMatchObject({ state: 'ready' })
    const seen = changes.map((list) => list.find((m) => m.id === 'good')).filter((m) => m?.state === 'downloading')
    expect(seen.length).toBeGreaterThan(1)
    // First the start (nothing received, length not known yet), then the server's length with every step.
    expect(seen[0]).toMatchObject({ received: 0 })
    expect(seen.slice(1).every((m) => m?.total === CONTENT.length)).toBe(true)
    const received = seen.map((m) => m?.received ?? 0)
    expect(received).toEqual([...received].sort((a, b) => a - b))
  })

  it('resumes after the connection is cut, asking only for the rest', async () => {
    const store = models()
    server.next = { cutAfter: 100_000 }
    await store.download('good')
    const failed = await stateOf(store, 'good')
    expect(failed).toMatchObject({ state: 'failed', error: { kind: 'network' } })
    expect(existsSync(join(dir, 'ggml-good.bin'))).toBe(false)
    const kept = statSync(join(dir, 'ggml-good.bin.part')).size
    expect(kept).toBeGreaterThan(0)
    expect(failed?.received).toBe(kept)
    await store.download('good')
    expect(server.ranges.at(-1)).toBe(`bytes=${kept}-`)
    expect(readFileSync(join(dir, 'ggml-good.bin')).equals(CONTENT)).toBe(true)
    expect(await stateOf(store, 'good')).toMatchObject({ state: 'ready' })
  })

  it('starts again when the server ignores the range', async () => {
    const store = models()
    server.next = { cutAfter: 50_000 }
    await store.download('good')
    server.next = { ignoreRange: true }
    await store.download('good')
    expect(readFileSync(join(dir, 'ggml-good.bin')).equals(CONTENT)).toBe(true)
  })

  it('cancel keeps what came (partial), and downloading again resumes', async () => {
    const store = models()
    server.next = { stallAfter: 120_000 }
    const running = store.download('good')
    await untilChange((m) => m.state === 'downloading' && (m.received ?? 0) >= 120_000, 'good')
    store.cancel('good')
    await running
    // What reached the disk before the stop (the last writes may be dropped): the next request asks for the rest.
    const kept = statSync(join(dir, 'ggml-good.bin.part')).size
    expect(kept).toBeGreaterThan(0)
    expect(await stateOf(store, 'good')).toMatchObject({ state: 'partial', received: kept })
    await store.download('good')
    expect(server.ranges.at(-1)).toBe(`bytes=${kept}-`)
    expect(await stateOf(store, 'good')).toMatchObject({ state: 'ready' })
  })

  it('a file that fails its checksum is removed and reported, nothing is left to use', async () => {
    const store = models()
    await store.download('bad')
    const state = await stateOf(store, 'bad')
    expect(state).toMatchObject({ state: 'failed', error: { kind: 'checksum' } })
    expect(state?.error?.text).toMatch(/does not match its SHA256 checksum .* it was removed/)
    expect(existsSync(join(dir, 'ggml-bad.bin'))).toBe(false)
    expect(existsSync(join(dir, 'ggml-bad.bin.part'))).toBe(false)
  })

  it('a file the server does not have is a clear 404', async () => {
    const store = models()
    await store.download('gone')
    expect(await stateOf(store, 'gone')).toMatchObject({ state: 'failed', error: { kind: 'not-found', text: expect.stringMatching(/ggml-gone\.bin was not found \(HTTP 404\)/) } })
  })

  it('an unreachable server is a network error', async () => {
    const store = models()
    await server.close()
    await store.download('good')
    expect(await stateOf(store, 'good')).toMatchObject({ state: 'failed', error: { kind: 'network', text: expect.stringMatching(/^Cannot reach 127\.0\.0\.1:\d+/) } })
    server = await FileServer.start({})
  })

  it('a full disk stops the download with a clear error; with space again it resumes', async (ctx) => {
    const disk = mountSmallDisk(512)
    if ('skip' in disk) return ctx.skip(disk.skip)
    try {
      const store = models(join(disk.dir, 'models'))
      disk.fill()
      await store.download('good')
      expect(await stateOf(store, 'good')).toMatchObject({ state: 'failed', error: { kind: 'disk-full', text: expect.stringMatching(/disk is full/) } })
      disk.free()
      await store.download('good')
      expect(readFileSync(join(disk.dir, 'models', 'ggml-good.bin')).equals(CONTENT)).toBe(true)
    } finally {
      disk.unmount()
    }
  })
})
