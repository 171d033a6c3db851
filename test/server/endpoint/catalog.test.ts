/** Conformance, part 4: backgrounds and avatar configs over the socket, and the files behind them. */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCompanion } from '../support/fixture'

const companion = useCompanion()
const client = () => companion.client()
const clients = companion.clients

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

describe('backgrounds', () => {
  it('seeds three original PNGs with a license note on first start, lists and serves them', async () => {
    const server = await companion.start({ seed: true })
    const c = await client()
    c.send({ type: 'fetch_backgrounds' })
    // They are painted after the start; the list waits for them.
    const frame = await c.waitFor((f) => f.type === 'background_files', { timeoutMs: 120_000 })
    expect(frame).toEqual({
      type: 'background_files',
      files: ['/bg/dawn-hills.png', '/bg/soft-mist.png', '/bg/starry-night.png'],
      id: null,
      timestamp: null,
    })
    for (const path of frame.files as string[]) {
      const res = await fetch(`${server.restBase}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      const body = Buffer.from(await res.arrayBuffer())
      expect(body.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      expect(body.readUInt32BE(16)).toBe(1280)
      expect(body.readUInt32BE(20)).toBe(720)
    }
    expect(await readFile(join(server.dataDir, 'backgrounds', 'LICENSE.txt'), 'utf8')).toMatch(/CC0/)
  }, 180_000)

  it('lists only image files and refuses everything else, traversal included', async () => {
    const server = await companion.start()
    const bg = join(server.dataDir, 'backgrounds')
    await writeFile(join(bg, 'room.jpg'), 'jpeg bytes')
    await writeFile(join(bg, 'notes.txt'), 'text')
    await writeFile(join(bg, '.hidden.png'), 'hidden')
    await writeFile(join(server.dataDir, 'secret.png'), 'outside')
    await symlink(join(server.dataDir, 'secret.png'), join(bg, 'link.png'))
    const c = await client()
    c.send({ type: 'fetch_backgrounds' })
    expect((await c.waitFor((f) => f.type === 'background_files')).files).toEqual(['/bg/room.jpg'])
    const ok = await fetch(`${server.restBase}/bg/room.jpg`)
    expect(ok.headers.get('content-type')).toBe('image/jpeg')
    expect(await ok.text()).toBe('jpeg bytes')
    for (const path of [
      '/bg/notes.txt',
      '/bg/.hidden.png',
      '/bg/link.png',
      '/bg/..%2Fsecret.png',
      '/bg/%2e%2e%2fsecret.png',
      '/bg/..%5Csecret.png',
      '/bg/../secret.png',
      '/bg/missing.png',
      '/bg/',
    ]) {
      const res = await fetch(`${server.restBase}${path}`)
      expect([403, 404], path).toContain(res.status)
      expect(await res.text()).not.toContain('outside')
    }
  })
})

describe('avatar configs', () => {
  it('lists the seeded default, switches to it, and refuses unknown files', async () => {
    await companion.start()
    const c = await client()
    c.send({ type: 'fetch_avatar_configs' })
    expect(await c.waitFor((f) => f.type === 'avatar_config_files')).toEqual({
      type: 'avatar_config_files',
      configs: [{ filename: 'mira.yaml', name: 'Mira' }],
      id: null,
      timestamp: null,
    })
    const from = c.frames.length
    c.send({ type: 'switch_avatar_config', file: 'mira.yaml' })
    await c.waitFor((f) => f.type === 'avatar_config_switched', { from })
    const [model, switched] = c.frames.slice(from)
    expect(model).toMatchObject({
      type: 'set_model_and_conf',
      model_info: { name: 'mira', kind: 'builtin', voice: 'en-us' },
      conf_name: 'Mira',
      conf_uid: 'mira-default',
      client_uid: clients[0]!.frames.find((f) => f.type === 'authorize_success')!.connection_id,
    })
    expect(model!.model_info).not.toHaveProperty('url')
    expect(switched).toEqual({ type: 'avatar_config_switched', file: 'mira.yaml', id: null, timestamp: null })

    for (const file of ['nope.yaml', '../avatars/mira.yaml', 'mira.yaml/..']) {
      const at = c.frames.length
      c.send({ type: 'switch_avatar_config', file })
      expect(await c.waitFor((f) => f.type === 'error', { from: at })).toMatchObject({ error: `Config file not found: ${file}`, code: null })
    }
  })

  it('gives a Live2D config the model url when the model exists, skips broken YAML, serves live2d files safely', async () => {
    const server = await companion.start()
    const model = join(server.dataDir, 'live2d', 'shizuku', 'runtime')
    await mkdir(model, { recursive: true })
    await writeFile(join(model, 'shizuku.model3.json'), '{"Version":3}')
    await writeFile(join(model, 'notes.txt'), 'no')
    const avatars = join(server.dataDir, 'avatars')
    await writeFile(
      join(avatars, 'shizuku.yaml'),
      'character_config:\n  conf_name: Shizuku\n  conf_uid: shizuku-1\n  live2d_model_name: shizuku\n  mira:\n    avatar: live2d\n    model: { kScale: 0.5 }\n    emotion_map: { joy: 3 }\n',
    )
    await writeFile(join(avatars, 'broken.yaml'), 'character_config: [unclosed')
    await writeFile(join(avatars, 'incomplete.yaml'), 'character_config:\n  conf_name: No uid\n')
    const c = await client()
    c.send({ type: 'fetch_avatar_configs' })
    expect((await c.waitFor((f) => f.type === 'avatar_config_files')).configs).toEqual([
      { filename: 'mira.yaml', name: 'Mira' },
      { filename: 'shizuku.yaml', name: 'Shizuku' },
    ])
    c.send({ type: 'switch_avatar_config', file: 'shizuku.yaml' })
    const frame = await c.waitFor((f) => f.type === 'set_model_and_conf')
    expect(frame.model_info).toEqual({
      name: 'shizuku',
      kind: 'live2d',
      emotionMap: { joy: 3 },
      kScale: 0.5,
      url: '/live2d/shizuku/runtime/shizuku.model3.json',
    })
    expect(server.logs.some((l) => l.includes('broken.yaml'))).toBe(true)
    const res = await fetch(`${server.restBase}/live2d/shizuku/runtime/shizuku.model3.json`)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({ Version: 3 })
    // A Cubism 2 model (`.model.json`, a `.moc`, `.mtn` motions) is found and served too, with its tap motions.
    const old = join(server.dataDir, 'live2d', 'koharu')
    await mkdir(join(old, 'moc'), { recursive: true })
    await writeFile(join(old, 'koharu.model.json'), '{"model":"moc/koharu.moc"}')
    await writeFile(join(old, 'moc', 'koharu.moc'), 'moc')
    await writeFile(join(old, 'idle.mtn'), '# Live2D Animator Motion Data')
    await writeFile(
      join(avatars, 'koharu.yaml'),
      'character_config:\n  conf_name: Koharu\n  conf_uid: koharu-1\n  live2d_model_name: koharu\n  mira:\n    avatar: live2d\n    model: { tapMotions: { body: tap_body }, pointerInteractive: false }\n',
    )
    c.send({ type: 'switch_avatar_config', file: 'koharu.yaml' })
    const koharu = await c.waitFor((f) => f.type === 'set_model_and_conf' && (f.model_info as { name?: string }).name === 'koharu')
    expect(koharu.model_info).toMatchObject({ url: '/live2d/koharu/koharu.model.json', tapMotions: { body: 'tap_body' }, pointerInteractive: false })
    for (const [path, type] of [['/live2d/koharu/moc/koharu.moc', 'application/octet-stream'], ['/live2d/koharu/idle.mtn', 'text/plain']]) {
      const file = await fetch(`${server.restBase}${path!}`)
      expect(file.status, path).toBe(200)
      expect(file.headers.get('content-type')).toContain(type)
    }
    for (const path of ['/live2d/shizuku/runtime/notes.txt', '/live2d/../avatars/mira.yaml', '/live2d/shizuku/..%2F..%2Favatars%2Fmira.yaml']) {
      expect([403, 404], path).toContain((await fetch(`${server.restBase}${path}`)).status)
    }
  })
})
