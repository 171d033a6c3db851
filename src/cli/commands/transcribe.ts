/** `mira transcribe`: a WAV file in, its words out, through the same recognisers as the app. */
import { defineCommand } from '../command'
import { speechHelp, speechOptions } from './speech-flags'

const options = {
  ...speechOptions,
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
} as const

const synopsis = 'mira transcribe [options] FILE.wav'

const help = `Recognise the speech in a WAV file and print the text.

Usage: ${synopsis}

The file: 16-bit PCM WAV (the built-in companion and whisper.cpp want 16 kHz mono:
\`sox in.wav -r 16000 -c 1 -b 16 out.wav\`).

Options:
${speechHelp}
  --server URL           server: the chat server whose /v1/stt/transcribe is used (default: as mira chat)
  --token T              server: its token (default: as mira chat)
  --json                 print { "text", "engine", "provider" } as one JSON line
  -h, --help             show this help

Exit codes: 0 transcribed · 2 token or API key refused · 3 recogniser unreachable · 4 the recogniser
failed (no engine, a missing model or program, an error) · 64 usage (also: FILE unreadable or not a WAV).
`

export type TranscribeOptions = typeof options

export const transcribeCommand = defineCommand({
  name: 'transcribe',
  summary: 'print the words spoken in a WAV file',
  synopsis,
  help,
  options,
  allowPositionals: true,
  run: async (parsed, io) => (await import('./transcribe-run')).runTranscribe(parsed, io),
})
