/**
 * `synthesize` and `cancelSynthesis`: server speech as bytes, and a way to stop it. A cancelled
 * request hangs up on the server (which drops the job), so Stop or a dropped sentence no longer
 * keeps the server's voice busy with sentences nobody will hear.
 */
import { HostError, type HostHandlers } from '../../../shared/host'
import { messageOf } from '../../../shared/errors'
import type { RestClient } from '../rest/rest-client'

/** How many cancelled ids are remembered, for a cancel that overtakes its own request. */
const EARLY_CANCELS = 64

export function createSynthesisHandlers(rest: () => Promise<RestClient>): Pick<HostHandlers, 'synthesize' | 'cancelSynthesis'> {
  const running = new Map<string, AbortController>()
  const cancelledEarly: string[] = []
  return {
    synthesize: async ({ text, referenceId, requestId }) => {
      const controller = new AbortController()
      if (requestId !== undefined) {
        if (cancelledEarly.includes(requestId)) controller.abort()
        running.set(requestId, controller)
      }
      try {
        const audio = await (await rest()).synthesize(text, { ...(referenceId ? { referenceId } : {}), signal: controller.signal })
        return { audio: audio.bytes, mimeType: audio.mimeType }
      } catch (error) {
        const why = messageOf(error)
        throw new HostError('server-error', why, { textCode: 'speechFailed', params: { error: why } })
      } finally {
        if (requestId !== undefined && running.get(requestId) === controller) running.delete(requestId)
      }
    },
    cancelSynthesis: async ({ requestId }) => {
      const controller = running.get(requestId)
      if (controller) controller.abort()
      else {
        cancelledEarly.push(requestId)
        if (cancelledEarly.length > EARLY_CANCELS) cancelledEarly.shift()
      }
      return { ok: true }
    },
  }
}
