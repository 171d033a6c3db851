/**
 * Web mode's wire format between the browser and the Node web host (loopback WebSocket).
 * Requests carry an id; the host answers each with a result or an error. Events come in batches.
 */
import { z } from 'zod'
import { HOST_COMMAND_NAMES } from './channels'
import { hostErrorSchema, hostEventBatchSchema } from './index'

export const WEB_BRIDGE_PATH = '/bridge'

export const webRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  command: z.enum(HOST_COMMAND_NAMES),
  request: z.unknown().optional(),
})
export type WebRequest = z.infer<typeof webRequestSchema>

export const webHostMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number(), response: z.unknown() }),
  z.object({ kind: z.literal('error'), id: z.number(), error: hostErrorSchema }),
  z.object({ kind: z.literal('events'), events: hostEventBatchSchema }),
])
export type WebHostMessage = z.infer<typeof webHostMessageSchema>
