/** A failure to start the companion server, with a hint the CLI or the app can show as is. */
export class CompanionStartError extends Error {
  override name = 'CompanionStartError'
  constructor(
    message: string,
    /** What the user can do about it, in one sentence. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
