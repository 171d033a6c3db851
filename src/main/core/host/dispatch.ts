/**
 * The one place where a host command from either transport (Electron IPC or the web bridge) is
 * validated and run. Transports call `dispatchCommand`; they never call handlers directly.
 */
import {
  HOST_COMMAND_NAMES,
  HostError,
  hostCommandSchemas,
  type HostCommandName,
  type HostErrorInfo,
  type HostEventListener,
  type HostHandlers,
} from '../../../shared/host'
import { messageOf } from '../../../shared/errors'

/** What both transports need from the core: validated handlers and the event stream. */
export interface HostCore {
  readonly handlers: HostHandlers
  /** Event batches (already coalesced); returns the unsubscribe function. */
  onEvents(listener: HostEventListener): () => void
  /** The user's background images, for the web host's route and Electron's `mira-bg:` protocol. */
  readonly localBackgrounds?: LocalBackgroundFiles
  /** The user's characters and Live2D runtimes, for the web host's route and Electron's `mira-character:` protocol. */
  readonly localCharacters?: LocalBackgroundFiles
}

/** Files of the data dir served to the page by URL (backgrounds, characters). */
export interface LocalBackgroundFiles {
  /** The file a URL handed out by `listLocalBackgrounds` names (web mode: its request path), else `undefined`. */
  open(url: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined>
}

export type DispatchResult = { ok: true; response: unknown } | { ok: false; error: HostErrorInfo }

export function isHostCommandName(name: unknown): name is HostCommandName {
  return typeof name === 'string' && (HOST_COMMAND_NAMES as readonly string[]).includes(name)
}

export async function dispatchCommand(handlers: HostHandlers, name: unknown, rawRequest: unknown): Promise<DispatchResult> {
  if (!isHostCommandName(name)) {
    return { ok: false, error: { code: 'unknown-command', message: `Unknown command: ${String(name)}` } }
  }
  const schemas = hostCommandSchemas[name]
  const parsed = schemas.request.safeParse(rawRequest ?? undefined)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    return { ok: false, error: { code: 'invalid-request', message: `${name}: ${where}${issue?.message ?? 'invalid request'}` } }
  }
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>
    const response = await handler(parsed.data)
    return { ok: true, response: schemas.response.parse(response) }
  } catch (error) {
    if (error instanceof HostError) return { ok: false, error: error.toInfo() }
    const message = messageOf(error)
    return { ok: false, error: { code: 'internal', message } }
  }
}
