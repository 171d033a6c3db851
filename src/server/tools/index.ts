import { createCalculatorTool } from './calculator'
import { createNoteTools, NotesStore } from './notes'
import { createToolRegistry } from './registry'
import { createTimeTool } from './time'
import type { ToolRegistry } from './types'

export { createToolRegistry } from './registry'
export { defineTool, ToolError } from './define'
export type { Tool, ToolContext, ToolRegistry } from './types'

export interface DefaultToolsOptions {
  /** Where `notes.json` lives. */
  dataDir: string
  now?: () => Date
  log?: (line: string) => void
}

/** The companion server's built-in tools: time, calculator, and per-user notes. */
export function createDefaultTools(options: DefaultToolsOptions): ToolRegistry {
  const notes = new NotesStore({
    dataDir: options.dataDir,
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  return createToolRegistry([createTimeTool(options.now), createCalculatorTool(), ...createNoteTools(notes)])
}
