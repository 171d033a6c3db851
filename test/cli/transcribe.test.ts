/**
 * `mira transcribe` and `mira chat --audio`, the real CLI process: espeak-ng speech recognised by
 * PocketSphinx with a grammar of the test sentences (exact text), behind the companion's
 * `/v1/stt/transcribe` and behind an OpenAI-compatible test server; then the exit codes of `mira chat`
 * for a refused token or key, an unreachable recogniser, a recogniser that fails, and bad input.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pocketsphinxEngine } from '../../src/server'
import { FakeOpenAiServer } from '../support/fake-openai-server'
import { makeToneWav } from '../support/wav'
import { missingSpeechTools, writeGrammar, writeSpeechWav } from '../support/speech-audio'
import { startTestServer, type TestServer } from '../server/support/server'
import { deadPort, runCli, tempDir } from './cli-process'
import { useFakeChatServer } from './fake-chat-server'

const missing = missingSpeechTools()
if (missing) console.log(`[mira transcribe] recogniser tests skipped — ${missing}`)

const TOKEN = 'stt-cli-token'
const KEY = 'sk-test-transcribe'
const dir = mkdtempSync(join(tmpdir(), 'mira-cli-stt-'))
const wav = (name: string, text: string): string => {
  const file = join(dir, `${name}.wav`)
  writeSpeechWav(file, text)
  return file
}

const fake = useFakeChatServer('chat-token', (content) => [{ tokens: ['You said: ', content] }])
let companion: TestServer | undefined
let deaf: TestServer | undefined
let openai: FakeOpenAiServer | undefined
let refusing: ReturnType<typeof createServer> | undefined
let story = ''
let light = ''

beforeAll(async () => {
  if (missing) return
  const grammar = writeGrammar(dir)
  const sphinx = pocketsphinxEngine({ grammar })
  story = wav('story', 'tell me a story about the sea')
  light = wav('light', 'please turn on the light')
  companion = await startTestServer({ token: TOKEN, stt: sphinx })
  deaf = await startTestServer({ token: TOKEN })
  openai = await FakeOpenAiServer.start({ transcriber: (upload) => sphinx.transcribe(upload.file?.bytes ?? Buffer.alloc(0)) })
  refusing = createServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key"}}'))
  await new Promise<void>((resolve) => refusing?.listen(0, '127.0.0.1', () => resolve()))
}, 60_000)

afterAll(async () => {
  await companion?.stop()
  await deaf?.stop()
  await openai?.close()
  await new Promise<void>((resolve) => (refusing ? refusing.close(() => resolve()) : resolve()))
  rmSync(dir, { recursive: true, force: true })
})

const refusingUrl = (): string => `http://127.0.0.1:${(refusing?.address() as AddressInfo).port}/v1`

describe.skipIf(missing !== undefined)('mira transcribe', { timeout: 60_000 }, () => {
  it('prints what the companion heard, exactly; --json adds the engine and the provider', async () => {
    const plain = await runCli(['transcribe', '--engine', 'server', '--server', companion?.url ?? '', '--token', TOKEN, story])
    expect(plain).toMatchObject({ code: 0, stdout: 'tell me a story about the sea\n', stderr: '' })
    const json = await runCli(['transcribe', '--server', companion?.url ?? '', '--token', TOKEN, '--json', light])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({ text: 'please turn on the light', engine: 'pocketsphinx (grammar)', provider: 'server' })
  })

  it('sends the file to an OpenAI-compatible endpoint with the model, the language and the key', async () => {
    const result = await runCli(['transcribe', '--engine', 'openai', '--base-url', `${openai?.baseUrl}`, '--model', 'whisper-large', '--language', 'en', story], { env: { MIRA_STT_API_KEY: KEY } })
    expect(result).toMatchObject({ code: 0, stdout: 'tell me a story about the sea\n' })
    const upload = openai?.uploads.at(-1)
    expect(upload?.fields).toMatchObject({ model: 'whisper-large', language: 'en', response_format: 'json' })
    expect(openai?.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`)
  })

  it('exits 2 when the token or the key is refused, 3 when nothing answers, 4 when the server has no recogniser', async () => {
    const token = await runCli(['transcribe', '--server', companion?.url ?? '', '--token', 'wrong', story])
    expect(token.code).toBe(2)
    expect(token.errLines).toEqual(['mira: The server refused the token (HTTP 401)'])
    const key = await runCli(['transcribe', '--engine', 'openai', '--base-url', refusingUrl(), story], { env: { MIRA_STT_API_KEY: 'sk-bad' } })
    expect(key.code).toBe(2)
    expect(key.errLines).toEqual(['mira: The transcription server refused the API key (HTTP 401)'])
    const port = await deadPort()
    const gone = await runCli(['transcribe', '--server', `127.0.0.1:${port}`, '--token', TOKEN, story])
    expect(gone.code).toBe(3)
    expect(gone.errLines[0]).toMatch(new RegExp(`^mira: The transcription server http://127\\.0\\.0\\.1:${port} cannot be reached`))
    const none = await runCli(['transcribe', '--server', deaf?.url ?? '', '--token', TOKEN, '--json', story])
    expect(none.code).toBe(4)
    expect(JSON.parse(none.stdout)).toMatchObject({ exitCode: 4, error: expect.stringMatching(/does not recognise speech/) })
  })

  it('exits 64 with one line for a missing file, a file that is not a WAV, an unknown engine or missing flags', async () => {
    const text = join(dir, 'notes.txt')
    writeFileSync(text, 'not audio')
    const cases: Array<[string[], RegExp]> = [
      [['transcribe', join(dir, 'absent.wav')], /^mira: cannot read .*absent\.wav: ENOENT$/],
      [['transcribe', text], /^mira: .*notes\.txt: The audio is not a WAV file$/],
      [['transcribe', '--engine', 'cloud', story], /^mira: --engine must be one of server, openai, whisper \(got "cloud"\)$/],
      [['transcribe', '--engine', 'openai', story], /^mira: --base-url: Give the transcription endpoint’s address$/],
      [['transcribe', '--engine', 'whisper', story], /^mira: no whisper\.cpp program: pass --whisper-cli PATH/],
      [['transcribe'], /^mira: no audio file given$/],
    ]
    for (const [args, line] of cases) {
      const result = await runCli(args)
      expect(result.code, args.join(' ')).toBe(64)
      expect(result.errLines[0]).toMatch(line)
      expect(result.stdout).toBe('')
    }
  })
})

describe('mira transcribe --engine whisper', { timeout: 60_000 }, () => {
  it('finds a model downloaded in the app by its name, in the data folder’s models/', async () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'models'))
    writeFileSync(join(dataDir, 'models', 'ggml-base.en.bin'), Buffer.concat([Buffer.from('lmgg', 'latin1'), Buffer.alloc(64)]))
    // A stand-in whisper-cli (no whisper.cpp build or model here): prints the model and language it was given.
    const cli = join(dir, 'whisper-cli')
    writeFileSync(cli, '#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in -m) m="$2"; shift;; -l) l="$2"; shift;; esac; shift; done\necho " model=$m language=$l"\n')
    chmodSync(cli, 0o755)
    const wav = join(dir, 'tone.wav')
    writeFileSync(wav, makeToneWav())
    const result = await runCli(['transcribe', '--engine', 'whisper', '--whisper-cli', cli, '--model', 'base.en', '--language', 'en', wav], { dataDir })
    expect(result).toMatchObject({ code: 0, stdout: `model=${join(dataDir, 'models', 'ggml-base.en.bin')} language=en\n` })
    const absent = await runCli(['transcribe', '--engine', 'whisper', '--whisper-cli', cli, '--model', 'small', wav], { dataDir })
    expect(absent.code).toBe(4)
    expect(absent.errLines[0]).toMatch(/ggml-small\.bin cannot be read: ENOENT/)
    rmSync(dataDir, { recursive: true, force: true })
  })
})

describe.skipIf(missing !== undefined)('mira chat --audio', { timeout: 60_000 }, () => {
  it('sends what was said as the message and streams the answer', async () => {
    const result = await runCli([...fake.base(), '--audio', light, '--engine', 'openai', '--base-url', `${openai?.baseUrl}`], { env: { MIRA_STT_API_KEY: KEY } })
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('You said: please turn on the light\n')
    expect(result.errLines[0]).toBe('you said: please turn on the light')
    expect(fake.chatMessage('please turn on the light')).toBeDefined()
  })

  it('uses the exit codes of the transcription, and refuses a message given with --audio', async () => {
    const gone = await runCli([...fake.base(), '--audio', story, '--engine', 'openai', '--base-url', `http://127.0.0.1:${await deadPort()}/v1`])
    expect(gone.code).toBe(3)
    expect(fake.server.framesOfType('chat_message')).toHaveLength(1)
    const both = await runCli([...fake.base(), '--audio', story, 'hello'])
    expect(both.code).toBe(64)
    expect(both.errLines[0]).toBe('mira: give either a message or --audio FILE, not both')
  })
})

describe('mira --help', () => {
  it('lists transcribe, and chat --help explains --audio', async () => {
    const top = await runCli(['--help'])
    expect(top.stdout).toMatch(/^ {2}transcribe +print the words spoken in a WAV file$/m)
    const chat = await runCli(['chat', '--help'])
    expect(chat.stdout).toMatch(/--audio FILE\.wav/)
    expect(chat.stdout).toMatch(/--engine E/)
  })
})
