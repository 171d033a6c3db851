/** The shape of a `mira` subcommand. */
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
