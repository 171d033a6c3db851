export type RestErrorKind = 'http' | 'network' | 'timeout' | 'bad-response' | 'cancelled'

/** A failed REST call, with a message that can be shown as it is. */
export class RestError extends Error {
  override name = 'RestError'
  constructor(
    message: string,
    readonly kind: RestErrorKind,
    /** The HTTP status, for `http` errors. */
    readonly status?: number,
  ) {
    super(message)
  }

  /** The server does not offer this endpoint: degrade (other TTS engine, local history only). */
  get unsupported(): boolean {
    return this.kind === 'http' && (this.status === 404 || this.status === 501 || this.status === 503)
  }
}
