/** Close codes and `error` frame codes of `/v1/chat/stream` (see shared/protocol/chat-stream.md). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  abnormal: 1006,
  pingTimeout: 4000,
  authFailed: 4001,
} as const

export const ErrorCode = {
  badRequest: 400,
  unauthorized: 401,
  serverFailure: 500,
  interrupted: 4003,
  nothingToInterrupt: 4004,
} as const

/** 4003 / 4004 report on an interruption: informational, never a user-facing error. */
export function isInformationalErrorCode(code: number | string | null | undefined): boolean {
  return code === ErrorCode.interrupted || code === ErrorCode.nothingToInterrupt
}

export const CHAT_STREAM_PATH = '/v1/chat/stream'
