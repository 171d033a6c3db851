/** What the bench's server process tells the bench over IPC (validated on arrival, like any boundary). */
import { z } from 'zod'

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), url: z.string(), restBase: z.string() }),
  z.object({ type: z.literal('failed'), error: z.string() }),
])
export type HostMessage = z.infer<typeof hostMessageSchema>

/** The bench's only message to the server process. */
export const STOP = 'stop'
