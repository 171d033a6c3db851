/** Checks on what the host sends, shared by both transports: the renderer trusts no payload unseen. */
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

/** The valid events of a batch; an event this renderer does not understand must not cost the others. */
export function validEvents(batch: unknown, log: (message: string, detail?: unknown) => void): HostEvent[] {
  if (!Array.isArray(batch)) {
    log('dropped an event batch that is not a list', batch)
    return []
  }
  const events: HostEvent[] = []
  for (const raw of batch) {
    const parsed = hostEventSchema.safeParse(raw)
    if (parsed.success) events.push(parsed.data)
    else log('dropped an invalid host event', raw)
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
