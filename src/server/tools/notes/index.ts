import { z } from 'zod'
import { defineTool, ToolError } from '../define'
import type { Tool } from '../types'
import { NotesFullError, type NotesStore } from './store'

export { NotesStore, type Note, type NotesStoreOptions } from './store'

export function createNoteTools(store: NotesStore): Tool[] {
  const remember = defineTool({
    name: 'remember_note',
    description:
      'Saves a short note about the user (a fact, preference or reminder) so it can be recalled in later conversations.',
    args: z.object({
      text: z.string().trim().min(1).max(1_000).describe('The note, as one self-contained sentence'),
    }),
    async run({ text }, context) {
      try {
        const { note, count, duplicate } = await store.add(context.userId, text)
        return { saved: true, id: note.id, alreadyKnown: duplicate, count }
      } catch (error) {
        if (error instanceof NotesFullError) throw new ToolError(error.message)
        throw error
      }
    },
  })
  const recall = defineTool({
    name: 'recall_notes',
    description: 'Lists notes saved about the user in earlier conversations, optionally only those containing some words.',
    args: z.object({
      query: z.string().max(200).nullish().describe('Words the notes must contain; omit to list the latest notes'),
      limit: z.number().int().min(1).max(50).nullish().describe('How many notes at most (default 20)'),
    }),
    async run({ query, limit }, context) {
      const { notes, total } = await store.list(context.userId, query ?? '', limit ?? 20)
      return { notes: notes.map(({ text, createdAt }) => ({ text, createdAt })), total }
    },
  })
  return [remember, recall]
}
