/** The shape of a `mira` subcommand, and the one place that parses its flags and answers `--help`. */
import { parseCommandArgs, type FlagValues, type OptionsConfig } from './args'
import { ExitCode } from './exit-codes'
import type { CliIo } from './io'

export interface Command {
  name: string
  /** One line for `mira --help`. */
  summary: string
  /** `mira chat [options] MESSAGE`: shown under usage errors. */
  synopsis: string
  /** The full `mira <cmd> --help` text. */
  help: string
  run(args: string[], io: CliIo): Promise<number>
}

/** What a command declares: its flags (`--help`/`-h` come free) and what it does with them once parsed. */
export type ParsedArgs<O extends OptionsConfig> = { values: FlagValues<O>; positionals: string[] }

export interface CommandSpec<O extends OptionsConfig> extends Omit<Command, 'run'> {
  options: O
  allowPositionals: boolean
  run(parsed: ParsedArgs<O>, io: CliIo): Promise<number>
}

export function defineCommand<O extends OptionsConfig>(spec: CommandSpec<O>): Command {
  const { options, allowPositionals, run, ...described } = spec
  return {
    ...described,
    async run(args, io) {
      const parsed = parseCommandArgs(args, options, allowPositionals)
      if (parsed.values.help) {
        io.stdout.write(spec.help)
        return ExitCode.ok
      }
      return run(parsed, io)
    },
  }
}
