/**
 * `POST /v1/stt/transcribe` on the companion with a real recogniser: PocketSphinx with a grammar of
 * the test sentences, on speech made by espeak-ng. Also: advertised in `/v1/health`, 501 without an
 * engine, wrong audio refused before any program runs, the token required.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { pocketsphinxEngine } from '../../../src/server'
import { missingSpeechTools, speechWav, writeGrammar } from '../../support/speech-audio'
import { makeToneWav } from '../../support/wav'
import { startTestServer, type TestServer } from '../support/server'

const missing = missingSpeechTools()
if (missing) console.log(`[stt] recogniser tests skipped — ${missing}`)
const dir = mkdtempSync(join(tmpdir(), 'mira-stt-grammar-'))
const grammar = writeGrammar(dir)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let server: TestServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

const TOKEN = 'stt-test-token'
const post = (body: Uint8Array, headers: Record<string, string> = {}, query = '') =>
  fetch(`${server?.restBase}/stt/transcribe${query}`, { method: 'POST', body: body.slice(), headers: { 'Content-Type': 'audio/wav', Authorization: `Bearer ${TOKEN}`, ...headers } })

describe.skipIf(missing !== undefined)('the companion transcribes with PocketSphinx', () => {
  it('recognises espeak-ng speech exactly, and says which engine it used', async () => {
    server = await startTestServer({ token: TOKEN, stt: pocketsphinxEngine({ grammar }) })
    expect(((await (await fetch(`${server.restBase}/health`)).json()) as { stt: string }).stt).toBe('pocketsphinx (grammar)')
    const res = await post(speechWav('tell me a story about the sea'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ text: 'tell me a story about the sea', engine: 'pocketsphinx (grammar)' })
    const other = await post(speechWav('please turn on the light', { padStartS: 2, padEndS: 2 }), {}, '?language=en')
    expect(await other.json()).toMatchObject({ text: 'please turn on the light' })
  })

  it('refuses audio it cannot read, a language it does not know, and requests without the token', async () => {
    server = await startTestServer({ token: TOKEN, stt: pocketsphinxEngine({ grammar }) })
    expect((await post(new TextEncoder().encode('not audio'))).status).toBe(422)
    expect((await post(makeToneWav({ sampleRate: 8_000 }))).status).toBe(422)
    expect((await post(makeToneWav(), { 'Content-Type': 'application/json' })).status).toBe(415)
    expect((await post(makeToneWav(), {}, '?language=EN!')).status).toBe(422)
    const french = await post(makeToneWav(), {}, '?language=fr')
    expect(french.status).toBe(500)
    expect(await french.text()).toMatch(/English only/)
    expect((await post(makeToneWav(), { Authorization: 'Bearer wrong' })).status).toBe(401)
  })
})

describe('without a recogniser', () => {
  it('answers 501 and says how to get one; /v1/health reports none', async () => {
    server = await startTestServer({ token: TOKEN })
    const res = await post(makeToneWav())
    expect(res.status).toBe(501)
    expect(await res.text()).toMatch(/no speech recognition engine/)
    expect(((await (await fetch(`${server.restBase}/health`)).json()) as { stt: unknown }).stt).toBeNull()
  })
})
