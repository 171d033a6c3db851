/**
 * `mira`: chat, doctor, serve and web, as thin wrappers over the core and the companion server.
 * `main` returns the exit code; bin/mira.mjs sets it.
 */
import { UsageError } from './args'
import type { Command } from './command'
import { chatCommand } from './commands/chat'
import { messageOf } from '../shared/errors'
import { doctorCommand } from './commands/doctor'
import { serveCommand } from './commands/serve'
import { transcribeCommand } from './commands/transcribe'
import { webCommand } from './commands/web'
import { ExitCode } from './exit-codes'
import { complain, processIo, type CliIo } from './io'
import { readVersion } from './version'

const commands: Command[] = [chatCommand, transcribeCommand, doctorCommand, serveCommand, webCommand]

const topHelp = () => `Mira — a desktop assistant with an animated avatar, from the command line.

Usage: mira <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(12)}${c.summary}`).join('\n')}

Options:
  -h, --help     show this help (or \`mira <command> --help\`)
  --version      print the version

Environment: MIRA_SERVER, MIRA_TOKEN (server and token for chat/doctor), MIRA_DATA_DIR (where settings live).
`

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv
  if (first === '--help' || first === '-h') {
    io.stdout.write(topHelp())
    return ExitCode.ok
  }
  if (first === 'help') return help(rest, io)
  if (first === '--version') {
    io.stdout.write(`mira ${readVersion()}\n`)
    return ExitCode.ok
  }
  if (first === undefined) return usageError(io, 'no command given')
  const command = commands.find((c) => c.name === first)
  if (!command) {
    return usageError(io, first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`)
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, command)
    complain(io, `unexpected error: ${messageOf(error)}`)
    return ExitCode.failure
  }
}

function help(args: string[], io: CliIo): number {
  const name = args[0]
  if (name === undefined) {
    io.stdout.write(topHelp())
    return ExitCode.ok
  }
  const command = commands.find((c) => c.name === name)
  if (!command) return usageError(io, `unknown command "${name}"`)
  io.stdout.write(command.help)
  return ExitCode.ok
}

function usageError(io: CliIo, line: string, command?: Command): number {
  complain(io, line)
  const hint = command
    ? `usage: ${command.synopsis}  (see \`mira ${command.name} --help\`)`
    : `usage: mira <${commands.map((c) => c.name).join('|')}> [options]  (see \`mira --help\`)`
  io.stderr.write(`${hint}\n`)
  return ExitCode.usage
}
