/** `mira serve`: run the built-in companion server in the foreground until SIGINT/SIGTERM. */
import { defineCommand } from '../command'

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  'no-token': { type: 'boolean' },
  'data-dir': { type: 'string' },
  'ping-interval-ms': { type: 'string' },
  'pong-timeout-ms': { type: 'string' },
  'llm-url': { type: 'string' },
  model: { type: 'string' },
  'no-ollama': { type: 'boolean' },
  'tts-voice': { type: 'string' },
  'tts-rate': { type: 'string' },
  'tts-url': { type: 'string' },
  'tts-model': { type: 'string' },
} as const

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 5500

const synopsis = 'mira serve [--host H] [--port N] [--token T | --no-token] [--data-dir DIR] [--llm-url URL --model NAME]'

const help = `Run Mira's built-in companion server (the /v1/chat/stream protocol and its REST API).

Usage: ${synopsis}

Options:
  --host H               address to listen on (default ${DEFAULT_HOST}; any other needs --token)
  --port N               port (default ${DEFAULT_PORT}; 0 picks a free one)
  --token T              the token clients must send (default: a random one, left in serve.json)
  --no-token             loopback only: accept any non-empty token (any local program may chat)
  --data-dir DIR         backgrounds, avatars, history and notes (default: <Mira data dir>/companion);
                         while it runs, DIR/serve.json holds its address and a token it accepts,
                         so \`mira chat\` and \`mira doctor\` on this machine need no --token
  --ping-interval-ms N   ping clients this often (default 30000)
  --pong-timeout-ms N    close clients that do not answer a ping within this (default 10000)
  --llm-url URL          an OpenAI-compatible endpoint to answer with, e.g. http://127.0.0.1:11434/v1
  --model NAME           the model at --llm-url (required with it); its API key from MIRA_LLM_API_KEY
  --no-ollama            do not look for a local Ollama when no --llm-url is given
  --tts-voice V          the offline espeak-ng voice (default en-us), or the voice at --tts-url
  --tts-rate N           offline speaking rate in words per minute (80-450, default 175)
  --tts-url URL          speak through an OpenAI-compatible /v1/audio/speech endpoint instead
                         (its key from MIRA_TTS_API_KEY)
  --tts-model NAME       the speech model at --tts-url
  -h, --help             show this help

Without --llm-url it answers with a local Ollama when one runs on 127.0.0.1:11434, else with its offline demo.
Prints "Mira companion listening on ws://HOST:PORT/v1/chat/stream" when ready; stops on Ctrl-C or SIGTERM.
`

export type ServeOptions = typeof options

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'run the built-in companion server',
  synopsis,
  help,
  options,
  allowPositionals: false,
  // Loaded only when the command runs: `mira --help` and the others need none of its imports.
  run: async (parsed, io) => (await import('./serve-run')).runServe(parsed, io),
})
