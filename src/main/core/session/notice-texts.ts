/** Notice texts with a code and params (shared/host/host-text.ts) that take more than a line to build. */
import { hostText, type HostText, type HostTextParams } from '../../../shared/host/host-text'
import type { BadFrame, BadFrameReason } from '../../../shared/protocol'

const BAD_FRAME_CODES: Record<BadFrameReason, string> = {
  binary: 'badFrameBinary',
  'not-json': 'badFrameNotJson',
  'not-object': 'badFrameNotObject',
  'missing-type': 'badFrameMissingType',
  'unknown-type': 'badFrameUnknownType',
  invalid: 'badFrameInvalid',
}

/** A bad frame's notice: the kind of problem as the code; the frame type and the schema's words as params. */
export function badFrameText(bad: BadFrame): HostText & { textCode: string } {
  const text = `Ignored a bad frame from the server: ${bad.message}`
  const params: HostTextParams = {}
  if (bad.frameType !== undefined) params.frame = bad.frameType
  // An invalid frame's detail is the schema's own words (`where: what`), kept as they are.
  const prefix = `Invalid "${bad.frameType ?? ''}" frame: `
  if (bad.reason === 'invalid') params.detail = bad.message.startsWith(prefix) ? bad.message.slice(prefix.length) : bad.message
  return hostText(text, BAD_FRAME_CODES[bad.reason], Object.keys(params).length ? params : undefined)
}

/** A stream frame with no open turn to belong to. */
export function orphanFrameText(frameType: string): HostText & { textCode: string } {
  return hostText(`Ignored a "${frameType}" frame that belongs to no open turn`, 'orphanFrame', { frame: frameType })
}

/** Paths the server sent that point outside it: the first three, quoted. */
export function refusedPathsText(paths: string[]): HostText & { textCode: string } {
  const list = paths.slice(0, 3).map((p) => JSON.stringify(p)).join(', ')
  const all = `${list}${paths.length > 3 ? ', …' : ''}`
  return hostText(`Refused server paths that point outside the server: ${all}`, 'refusedPaths', { paths: all })
}

/** A new conversation could not get a session of its own on this connection (General Bots). */
export function newConversationSharedText(): HostText & { textCode: string } {
  return hostText('This server gives one session per connection: the new conversation continues on the server where the last one left off', 'newConversationShared')
}
