/** `mira serve` end to end: the built-in companion server in a child process. */
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { runCli, startCli, tempDir } from './cli-process'
import { FakeOpenAiServer } from '../support/fake-openai-server'

/** Authorizes, sends one chat message, and resolves with the `stream_end` content. */
function chatOnce(url: string, content: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('open', () => ws.send(JSON.stringify({ type: 'authorize', token: 'any' })))
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; content?: string }
      if (frame.type === 'authorize_success') ws.send(JSON.stringify({ type: 'chat_message', content, agent_id: 'a', user_id: 'u' }))
      if (frame.type === 'stream_end') {
        ws.close()
        resolve(frame.content ?? '')
      }
    })
    ws.on('error', reject)
  })
}

/** Opens a raw socket, sends `authorize`, and collects frame types until `until` arrives. */
function authorizeAndWait(url: string, token: string, until: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    const seen: string[] = []
    ws.on('open', () => ws.send(JSON.stringify({ type: 'authorize', token })))
    ws.on('message', (data) => {
      const type = (JSON.parse(data.toString()) as { type: string }).type
      seen.push(type)
      if (type === until) {
        ws.close()
        resolve(seen)
      }
    })
    ws.on('error', reject)
  })
}

// One `mira` process at a time: children started together compete for the CPU they are timed on.
describe('mira serve', { timeout: 180_000 }, () => {
  it('prints its line, answers a raw authorize, pings as told, and exits 0 on SIGTERM', async () => {
    const run = startCli(['serve', '--port', '0', '--token', 'serve-token', '--data-dir', tempDir(), '--ping-interval-ms', '200'])
    const [line, url = ''] = await run.waitForStdout(/^Mira companion listening on (ws:\/\/127\.0\.0\.1:(\d+)\/v1\/chat\/stream)\n/)
    // --port 0 asked for a free port: the line names the one it got.
    expect(Number(new URL(url).port)).toBeGreaterThan(0)
    const seen = await authorizeAndWait(url, 'serve-token', 'ping')
    expect(seen[0]).toBe('authorize_success')
    run.child.kill('SIGTERM')
    const result = await run.done
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(line)
  })

  it('exits 1 with the reason and a hint when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const address = blocker.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const result = await runCli(['serve', '--port', String(port), '--data-dir', tempDir()])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      const problem = result.errLines.filter((l) => !l.startsWith('[server]'))
      expect(problem).toHaveLength(2)
      expect(problem[0]).toMatch(new RegExp(`^mira: Port ${port} is already in use`))
      expect(problem[1]).toMatch(/^hint: /)
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()))
    }
  })

  it('refuses a non-loopback host without a token (exit 1) and bad flags (exit 64)', async () => {
    const open = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', tempDir()])
    const badPort = await runCli(['serve', '--port', 'http'])
    expect(open.code).toBe(1)
    const problem = open.errLines.filter((l) => !l.startsWith('[server]'))
    expect(problem[0]).toMatch(/^mira: Refusing to listen on 0\.0\.0\.0 without a token/)
    expect(problem[1]).toBe('hint: Set a token (--token), or listen on 127.0.0.1.')
    expect(badPort.code).toBe(64)
    expect(badPort.errLines[0]).toBe('mira: --port must be a whole number from 0 to 65535 (got "http")')
  })

  it('answers through the OpenAI-compatible endpoint given by --llm-url and --model', async () => {
    const llm = await FakeOpenAiServer.start({ models: ['tiny'] })
    llm.enqueue({ kind: 'text', deltas: ['Hello from ', 'the model.'] })
    const run = startCli(['serve', '--port', '0', '--no-token', '--data-dir', tempDir(), '--llm-url', llm.baseUrl, '--model', 'tiny'], {
      env: { MIRA_LLM_API_KEY: 'sk-test' },
    })
    try {
      const [, url] = await run.waitForStdout(/^Mira companion listening on (ws:\S+)\n/)
      expect(await chatOnce(url ?? '', 'hi')).toBe('Hello from the model.')
      expect(llm.chatRequests()[0]?.headers.authorization).toBe('Bearer sk-test')
    } finally {
      run.child.kill('SIGTERM')
      await run.done
      await llm.close()
    }
  })

  it('asks for --model when --llm-url is given without it, and refuses a bad speaking rate (exit 64)', async () => {
    const noModel = await runCli(['serve', '--port', '0', '--llm-url', 'http://127.0.0.1:1/v1'])
    const badRate = await runCli(['serve', '--port', '0', '--tts-rate', '20'])
    expect(noModel.code).toBe(64)
    expect(noModel.errLines[0]).toBe('mira: --llm-url needs --model NAME')
    expect(badRate.code).toBe(64)
    expect(badRate.errLines[0]).toMatch(/^mira: --tts-rate must be a whole number from 80 to 450/)
  })
})
