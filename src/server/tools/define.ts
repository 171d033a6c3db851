/**
 * Builds a `Tool` from a zod schema: the JSON Schema sent to the model is derived from the same
 * schema that validates the arguments, so the two cannot drift apart.
 */
import { z } from 'zod'
import type { Tool, ToolContext } from './types'
import { messageOf } from '../../shared/errors'

/** A failure the model should read (bad input, nothing found): becomes an `{ error }` result. */
export class ToolError extends Error {
  override name = 'ToolError'
}

export interface ToolErrorResult {
  error: string
}

export interface ToolDefinition<S extends z.ZodType> {
  name: string
  description: string
  args: S
  run(args: z.output<S>, context: ToolContext): Promise<unknown> | unknown
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  // `io: 'input'` keeps fields with defaults optional; `$schema` is noise to the model.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' })
  return rest
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'Invalid arguments'
  const where = issue.path.length ? issue.path.join('.') : 'arguments'
  return `Invalid arguments: ${where}: ${issue.message}`
}

export function defineTool<S extends z.ZodType>(definition: ToolDefinition<S>): Tool {
  return {
    name: definition.name,
    description: definition.description,
    parameters: jsonSchemaOf(definition.args),
    async run(args: unknown, context: ToolContext): Promise<unknown> {
      const parsed = definition.args.safeParse(args ?? {})
      if (!parsed.success) return { error: describeIssue(parsed.error) } satisfies ToolErrorResult
      try {
        return await definition.run(parsed.data, context)
      } catch (error) {
        if (error instanceof ToolError) return { error: error.message } satisfies ToolErrorResult
        // Unexpected failures (disk, bugs) are still results: the model can say the tool failed.
        const message = messageOf(error)
        return { error: `${definition.name} failed: ${message}` } satisfies ToolErrorResult
      }
    },
  }
}
