/**
 * Checks on what the host sends, shared by both transports. Command answers are checked against
 * their schemas. Events are the host's own, already validated where they came in (frames in the
 * core, commands in the host): the renderer only checks their framing, never the schema again.
 */
import {
  HostError,
  hostCommandSchemas,
  hostErrorSchema,
  hostEventSchema,
  parseBridgeError,
  type HostCommandName,
  type HostErrorInfo,
  type HostEvent,
} from '../../../shared/host'
import { messageOf } from '../../../shared/errors'

const EVENT_TYPES: ReadonlySet<unknown> = new Set(hostEventSchema.options.map((option) => option.shape.type.value))

/** The events of a batch: objects of a type this renderer knows; anything else is dropped (and logged) alone. */
export function framedEvents(batch: unknown, log: (message: string, detail?: unknown) => void): HostEvent[] {
  if (!Array.isArray(batch)) {
    log('dropped an event batch that is not a list', batch)
    return []
  }
  const events: HostEvent[] = []
  for (const raw of batch) {
    if (typeof raw === 'object' && raw !== null && EVENT_TYPES.has((raw as { type?: unknown }).type)) events.push(raw as HostEvent)
    else log('dropped an unknown host event', raw)
  }
  return events
}

/** A command's answer, checked against that command's response schema. */
export function checkedResponse(command: HostCommandName, raw: unknown): unknown {
  const parsed = hostCommandSchemas[command].response.safeParse(raw)
  if (!parsed.success) throw new HostError('internal', `${command}: the host sent an invalid answer`)
  return parsed.data
}

/** An Error that crossed Electron's contextBridge (`[code] message`) as a `HostError` again. */
export function toHostError(error: unknown): HostError {
  if (error instanceof HostError) return error
  const text = messageOf(error)
  const parsed = parseBridgeError(text)
  const code = hostErrorSchema.shape.code.safeParse(parsed?.code)
  if (!code.success || !parsed) return new HostError('internal', text)
  // Words the renderer cannot check are left to the English message.
  const words = hostErrorWords.safeParse(parsed)
  return hostErrorOf({ code: code.data, message: parsed.message, ...(words.success ? words.data : {}) })
}

const hostErrorWords = hostErrorSchema.pick({ textCode: true, params: true })

/** A validated error answer as a `HostError`, with its text code and params when it has them. */
export function hostErrorOf({ code, message, textCode, params }: HostErrorInfo): HostError {
  return new HostError(code, message, textCode === undefined ? undefined : { textCode, ...(params ? { params } : {}) })
}
