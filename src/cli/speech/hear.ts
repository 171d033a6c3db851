/**
 * `mira transcribe` and `mira chat --audio`: the WAV file, the recogniser the flags (over the app's
 * settings) choose, and the outcome as an exit code. The recognisers are the app's own
 * (core/stt/transcribe), so a file heard here is heard the same in the app.
 */
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { SECRETS_FILE } from '../../main/core/paths'
import { FileSecretStore } from '../../main/core/settings/secret-store'
import { sttKeyFor } from '../../main/core/stt/stt-key'
import { transcribeAudio } from '../../main/core/stt/transcribe'
import { TranscribeError } from '../../main/core/stt/transcribers'
import { resolveWhisperModel } from '../../main/core/stt/models/catalogue'
import { checkWav } from '../../server/stt/types'
import { messageOf } from '../../shared/errors'
import { restBaseFromChatUrl } from '../../shared/server-url'
import { sttSettingsSchema, type SttProvider, type SttSettings } from '../../shared/settings'
import { textFlag, UsageError } from '../args'
import { chooseServer, type CliConfig } from '../config'
import { ExitCode, type ExitCodeValue } from '../exit-codes'
import type { CliIo } from '../io'
import { SPEECH_ENGINES } from '../commands/speech-flags'

export interface HearFlags {
  engine?: string
  'base-url'?: string
  model?: string
  language?: string
  'whisper-cli'?: string
  server?: string
  token?: string
}

export type Heard = { ok: true; text: string; engine: string; provider: SttProvider } | { ok: false; exitCode: ExitCodeValue; line: string }

const PROVIDER_OF: Record<(typeof SPEECH_ENGINES)[number], SttProvider> = { server: 'server', openai: 'openai', whisper: 'whisper-cpp' }

/** Reads and checks the file before anything is sent: a bad file is a usage error, said in one line. */
export async function readWavFile(file: string, io: CliIo): Promise<Uint8Array> {
  let wav: Uint8Array
  try {
    wav = await readFile(resolve(io.cwd, file))
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? messageOf(error)}`)
  }
  try {
    checkWav(wav)
  } catch (error) {
    throw new UsageError(`${file}: ${messageOf(error)}`)
  }
  return wav
}

/** The recogniser settings: the app's, with the flags on top; a bad combination is a usage error. */
export function chooseStt(flags: HearFlags, config: CliConfig, io: CliIo): SttSettings {
  const saved = config.settings.stt
  const engine = flags.engine
  if (engine !== undefined && !(SPEECH_ENGINES as readonly string[]).includes(engine)) {
    throw new UsageError(`--engine must be one of ${SPEECH_ENGINES.join(', ')} (got "${engine}")`)
  }
  const provider = engine ? PROVIDER_OF[engine as keyof typeof PROVIDER_OF] : saved.provider
  const model = textFlag('model', flags.model)
  const binary = textFlag('whisper-cli', flags['whisper-cli']) ?? (saved.whisperBinary || io.env.MIRA_WHISPER_CLI || '')
  const candidate = {
    ...saved,
    provider,
    baseUrl: flags['base-url'] ?? saved.baseUrl,
    language: flags.language ?? saved.language,
    model: provider === 'openai' ? (model ?? saved.model) : saved.model,
    whisperBinary: binary,
    whisperModel: provider === 'whisper-cpp' && model ? resolveWhisperModel(model, config.dataDir, io.cwd) : saved.whisperModel,
  }
  const parsed = sttSettingsSchema.safeParse(candidate)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const flag = { baseUrl: '--base-url', language: '--language', model: '--model' }[String(issue?.path[0])] ?? String(issue?.path[0])
    throw new UsageError(`${flag}: ${issue?.message ?? 'invalid value'}`)
  }
  if (parsed.data.provider === 'whisper-cpp' && !parsed.data.whisperBinary) {
    throw new UsageError('no whisper.cpp program: pass --whisper-cli PATH (or set MIRA_WHISPER_CLI)')
  }
  if (parsed.data.provider === 'whisper-cpp' && !parsed.data.whisperModel) {
    throw new UsageError('no whisper.cpp model: pass --model FILE (or the name of a model downloaded in the app)')
  }
  return parsed.data
}

async function apiKeyFor(baseUrl: string, config: CliConfig, io: CliIo): Promise<string | undefined> {
  if (io.env.MIRA_STT_API_KEY) return io.env.MIRA_STT_API_KEY
  try {
    return await sttKeyFor(await FileSecretStore.open(join(config.dataDir, SECRETS_FILE)), baseUrl)
  } catch {
    return undefined
  }
}

/** The exit code of a failed transcription: the same meanings as `mira chat`'s. */
function exitCodeOf(error: TranscribeError): ExitCodeValue {
  if (error.textCode === 'sttBadKey' || error.textCode === 'sttServerRefused') return ExitCode.authFailed
  if (error.textCode === 'sttUnreachable') return ExitCode.unreachable
  return ExitCode.serverError
}

export async function hear(wav: Uint8Array, stt: SttSettings, flags: HearFlags, config: CliConfig, io: CliIo): Promise<Heard> {
  const apiKey = stt.provider === 'openai' ? await apiKeyFor(stt.baseUrl, config, io) : undefined
  const server = async () => {
    const choice = chooseServer(config, io.env, { server: flags.server, token: flags.token })
    return { restBase: restBaseFromChatUrl(choice.url), token: choice.token }
  }
  try {
    const { text, engine } = await transcribeAudio(wav, stt, { apiKey, server })
    return { ok: true, text, engine, provider: stt.provider }
  } catch (error) {
    if (error instanceof TranscribeError) return { ok: false, exitCode: exitCodeOf(error), line: error.message }
    throw error
  }
}
