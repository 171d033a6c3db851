/** What `mira transcribe` does, loaded only when it runs. */
import { UsageError } from '../args'
import type { ParsedArgs } from '../command'
import { loadCliConfig } from '../config'
import { ExitCode } from '../exit-codes'
import { complain, type CliIo } from '../io'
import { terminalSafe } from '../chat/terminal-safe'
import { chooseStt, hear, readWavFile } from '../speech/hear'
import type { TranscribeOptions } from './transcribe'

export async function runTranscribe({ values, positionals }: ParsedArgs<TranscribeOptions>, io: CliIo): Promise<number> {
  if (positionals.length === 0) throw new UsageError('no audio file given')
  if (positionals.length > 1) throw new UsageError(`one audio file at a time (got ${positionals.length})`)
  const file = positionals[0] as string
  const wav = await readWavFile(file, io)
  const config = await loadCliConfig(io)
  const stt = chooseStt(values, config, io)
  const heard = await hear(wav, stt, values, config, io)
  if (!heard.ok) {
    if (values.json) io.stdout.write(`${JSON.stringify({ error: heard.line, exitCode: heard.exitCode })}\n`)
    complain(io, terminalSafe(heard.line))
    return heard.exitCode
  }
  const { text, engine, provider } = heard
  io.stdout.write(values.json ? `${JSON.stringify({ text, engine, provider })}\n` : `${terminalSafe(text)}\n`)
  return ExitCode.ok
}
