/** The `mira` command's exit codes (64 is `EX_USAGE` from sysexits.h; 130 is 128 + SIGINT). */
export const ExitCode = {
  ok: 0,
  /** A check or a start failed (doctor, serve, web). */
  failure: 1,
  /** The server refused the token, or there is none. */
  authFailed: 2,
  /** The server could not be reached, the connection was lost or went silent, or the answer timed out. */
  unreachable: 3,
  /** The server reported an error for the turn, or its answer passed `MAX_TURN_TEXT`. */
  serverError: 4,
  usage: 64,
  interrupted: 130,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]
