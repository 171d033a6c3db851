import type { Tool, ToolRegistry } from './types'

/** A fixed set of tools, looked up by name. Duplicate names are a programming error. */
export function createToolRegistry(tools: readonly Tool[]): ToolRegistry {
  const byName = new Map<string, Tool>()
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new Error(`Duplicate tool name "${tool.name}"`)
    byName.set(tool.name, tool)
  }
  return {
    list: () => [...byName.values()],
    get: (name) => byName.get(name),
  }
}
