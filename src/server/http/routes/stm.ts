/** Short-term memory over REST: `GET /v1/stm/sessions` and `GET /v1/stm/chat-history`. */
import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import type { CompanionContext } from '../../context'
import { HttpError, sendJson } from '../respond'

const id = z.string().trim().min(1).max(200)
const sessionsQuery = z.object({ user_id: id, agent_id: id })
const historyQuery = sessionsQuery.extend({
  session_id: id,
  limit: z.coerce.number().int().positive().max(10_000).optional(),
})

function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(params))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new HttpError(422, `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

export function handleSessions(ctx: CompanionContext, params: URLSearchParams, res: ServerResponse): void {
  const query = parseQuery(sessionsQuery, params)
  sendJson(res, 200, { sessions: ctx.history.listSessions(query.user_id, query.agent_id) })
}

/** The last `limit` messages (all without one), oldest first. Another user's session reads as missing. */
export async function handleChatHistory(ctx: CompanionContext, params: URLSearchParams, res: ServerResponse): Promise<void> {
  const query = parseQuery(historyQuery, params)
  const owner = ctx.history.ownerOf(query.session_id)
  if (!owner || owner.userId !== query.user_id || owner.agentId !== query.agent_id) throw new HttpError(404, 'Session not found')
  const messages = (await ctx.history.messages(query.session_id, query.limit)).map(({ role, content }) => ({ role, content }))
  sendJson(res, 200, { session_id: query.session_id, messages })
}
