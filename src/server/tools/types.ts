/** Tools run on the server; their calls and results are reported as `tool_call` / `tool_result`. */
export interface ToolContext {
  userId: string
  agentId: string
  conversationId: string
  signal: AbortSignal
}

export interface Tool {
  name: string
  description: string
  /** JSON Schema of the arguments object (OpenAI function-calling shape). */
  parameters: Record<string, unknown>
  run(args: unknown, context: ToolContext): Promise<unknown>
}

export interface ToolRegistry {
  list(): Tool[]
  get(name: string): Tool | undefined
}
