/** `mira doctor`: walk the path from the settings file to spoken audio, and say where it breaks. */
import type { CheckTimeouts } from '../../main/core/doctor/checks'
import { defineCommand } from '../command'

const options = {
  server: { type: 'string' },
  protocol: { type: 'string' },
  token: { type: 'string' },
  agent: { type: 'string' },
  'api-key': { type: 'string' },
  'user-id': { type: 'string' },
  'chat-id': { type: 'string' },
  json: { type: 'boolean' },
} as const

/** `mira doctor`'s patience. */
export const DOCTOR_TIMEOUTS: CheckTimeouts = { stepMs: 5_000, pingMs: 3_000, ttsMs: 15_000 }

const synopsis = 'mira doctor [--server URL] [--protocol P] [--token T] [--agent NAME] [--api-key K --user-id U [--chat-id C]] [--json]'

const help = `Check the connection to the agent server step by step, and say what to fix.

Usage: ${synopsis}

Checks, in order: config (the settings file), url, tcp (connect to host:port), websocket (upgrade on
the chat path), authorize (the token), ping (answered if the server pings within ${DOCTOR_TIMEOUTS.pingMs / 1000} s; else
skipped), rest (GET /v1/health), tts (POST /v1/tts/synthesize returns audio).
SYMindX (--protocol symindx): websocket at /ws (the token as a Bearer header), authorize (the server
answers status; its agents are listed, and the one messages go to must be among them), ping (the
server's); rest and tts are skipped. General Bots (--protocol generalbots): tcp, websocket,
authorize (its own login), ping (its own keep-alive) through its adapter; rest and tts are not part
of that protocol. Lexicon (--protocol lexicon): rest first (POST /api/v1/chats/ creates a chat: the
REST API answers, the API key is accepted; skipped with --chat-id), then tcp, websocket at /ws/chat,
authorize (connection_established in that chat) and ping through its adapter; tts is not run.

Options:
  --server URL   server to check (default: MIRA_SERVER, then the settings)
  --protocol P   its protocol: auto (default), dmp, dexto, symindx, generalbots or lexicon (a Dexto server has
                 only the tcp and websocket checks: the others are /v1/chat/stream's)
  --token T      token to use (default: MIRA_TOKEN, then the settings)
  --agent NAME   SYMindX: the agent messages go to (default: the settings' agent id)
  --api-key K    Lexicon: the tenant's API key
  --user-id U    Lexicon: the user (default: the settings' user id)
  --chat-id C    Lexicon: check this chat instead of creating one
  --json         print the results as one JSON document
  -h, --help     show this help

Exit codes: 0 every check passed or was skipped · 1 a check failed · 64 usage.
`

export type DoctorOptions = typeof options

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'check the connection to the server and explain failures',
  synopsis,
  help,
  options,
  allowPositionals: false,
  // Loaded only when the command runs: `mira --help` and the others need none of its imports.
  run: async (parsed, io) => (await import('./doctor-run')).runDoctor(parsed, io),
})
