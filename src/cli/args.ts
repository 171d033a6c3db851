/** Strict flag parsing (`node:util` parseArgs) whose failures become one-line usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { messageOf } from '../shared/errors'
import { SERVER_KINDS, type ServerKind } from '../shared/protocol/kinds'

export class UsageError extends Error {
  override name = 'UsageError'
}

export type OptionsConfig = Record<string, { type: 'string' | 'boolean'; short?: string }>

/** What a set of single-valued options parses to: booleans and strings, each absent when not given. */
export type FlagValues<O extends OptionsConfig> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } & { help?: boolean }

const helpOption = { help: { type: 'boolean', short: 'h' } } as const

/** Parses `args` against `options` (plus `--help`/`-h`); unknown flags and missing values throw `UsageError`. */
export function parseCommandArgs<O extends OptionsConfig>(
  args: string[],
  options: O,
  allowPositionals: boolean,
): { values: FlagValues<O>; positionals: string[] } {
  const config = { args, options: { ...options, ...helpOption }, strict: true, allowPositionals } satisfies ParseArgsConfig
  try {
    const { values, positionals } = parseArgs(config)
    // parseArgs checked every value against `options`: strings for string options, booleans for boolean ones.
    return { values: values as FlagValues<O>, positionals }
  } catch (error) {
    throw new UsageError(describeParseError(error))
  }
}

function describeParseError(error: unknown): string {
  const message = messageOf(error)
  const code = (error as { code?: unknown }).code
  const option = /'(-[^' ]*)/.exec(message)?.[1]
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? message}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `option ${option} needs a value`
      if (/does not take an argument/.test(message)) return `option ${option} takes no value`
      return message
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}`.trim()
    default:
      return message
  }
}

/** An integer flag within a range, or `undefined` when absent. */
export function integerFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!/^\s*-?\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`)
  }
  return value
}

/** Timers cannot wait longer than about 24.8 days; a day is plenty for one command. */
const MAX_SECONDS = 86_400

/** A positive number of seconds (fractions allowed, at most a day), or `undefined` when absent. */
export function secondsFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${name} must be a positive number of seconds (got "${raw}")`)
  }
  if (value > MAX_SECONDS) throw new UsageError(`--${name} must be at most ${MAX_SECONDS} seconds (got "${raw}")`)
  return value
}

/** A flag that must not be blank when given. */
export function textFlag(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  if (raw.trim() === '') throw new UsageError(`--${name} must not be empty`)
  return raw
}

/** `--protocol`: one of the server kinds. */
export function protocolFlag(value: string | undefined): ServerKind | undefined {
  if (value === undefined) return undefined
  const kind = SERVER_KINDS.find((k) => k === value)
  if (!kind) throw new UsageError(`--protocol must be one of ${SERVER_KINDS.join(', ')}`)
  return kind
}
