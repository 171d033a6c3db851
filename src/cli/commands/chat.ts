/** `mira chat`: send one message, stream the answer, exit with a code that says how it went. */
import { defineCommand } from '../command'
import { speechHelp, speechOptions } from './speech-flags'

const options = {
  server: { type: 'string' },
  protocol: { type: 'string' },
  token: { type: 'string' },
  'session-id': { type: 'string' },
  'api-key': { type: 'string' },
  'chat-id': { type: 'string' },
  agent: { type: 'string' },
  'agent-id': { type: 'string' },
  'user-id': { type: 'string' },
  conversation: { type: 'string' },
  persona: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  'silence-timeout': { type: 'string' },
  audio: { type: 'string' },
  ...speechOptions,
} as const

export const DEFAULT_TIMEOUT_S = 120

const synopsis = 'mira chat [options] MESSAGE | --audio FILE.wav'

const help = `Send one message to the agent server and print the answer as it streams.

Usage: ${synopsis}
       echo "hello" | mira chat -
       mira chat --audio question.wav     (transcribed first, then sent; "you said: …" on stderr)

Options:
  --server URL           chat server (ws://, wss://, http://, https:// or host:port)
  --protocol P           the server's protocol: auto (default: /v1/chat/stream → dmp, /ws/chat → lexicon),
                         dmp, dexto, symindx, generalbots, lexicon
  --token T              server token, also General Bots' ?token= (default: MIRA_TOKEN, the settings, or the token a
                         \`mira serve\` on this machine left in the data folder)
  --agent-id ID          agent_id to send (default: settings, "mira")
  --user-id ID           user_id to send (default: settings, "local-user")
  --conversation ID      continue this conversation (printed as "conversation: <id>" after each answer)
  --session-id ID        Dexto: use this session for the message (default: a new one);
                         General Bots: subscribe to this session (default: the one the bot makes)
  --api-key K            Lexicon: the tenant's API key (sent as X-API-Key; --user-id is its user)
  --chat-id ID           Lexicon: talk in this chat (default: a new chat, created with POST /api/v1/chats/;
                         its id is printed as "conversation: <id>", and --conversation ID continues it)
  --agent NAME           SYMindX: the agent to talk to (default: --agent-id, then the settings' agent id);
                         --token, when given, goes as Authorization: Bearer
  --persona TEXT         system prompt for this message
  --json                 one JSON object per event on stdout, nothing else
  --timeout S            give up after S seconds in all (default ${DEFAULT_TIMEOUT_S})
  --silence-timeout MS   treat the connection as dead after MS ms without data (default: settings, 75000)
  --audio FILE.wav       send what is said in FILE (a 16-bit PCM WAV) as the message, recognised by:
${speechHelp}
  -h, --help             show this help

Defaults come from the app's settings (MIRA_DATA_DIR or the platform's config folder);
MIRA_SERVER and MIRA_TOKEN override them, and flags override both.

Exit codes: 0 answered · 2 token or API key (or the recogniser's key) refused or missing · 3 server (or recogniser)
unreachable, connection lost or silent, or timed out · 4 the server (or the recogniser) reported an
error, or nothing was recognised in --audio · 64 usage · 130 interrupted (Ctrl-C).
`

export type ChatOptions = typeof options

export const chatCommand = defineCommand({
  name: 'chat',
  summary: 'send one message and stream the answer',
  synopsis,
  help,
  options,
  allowPositionals: true,
  // Loaded only when the command runs: `mira --help` and the others need none of its imports.
  run: async (parsed, io) => (await import('./chat-run')).runChat(parsed, io),
})
