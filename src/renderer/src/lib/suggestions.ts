/**
 * What the empty stage offers to say. The built-in companion without a model runs the offline demo
 * brain, which understands only a few English phrases: it gets those, exactly as they are sent.
 * Any other server gets openers in the reader's language.
 */
import type { LocalText } from './local-text'
import { key, raw } from './local-text'

/** The demo brain's own topics (src/server/brains/demo/replies.ts): each phrase triggers one of its rules. */
const DEMO_PHRASES = ['What time is it?', 'Tell me a story', 'Show me some markdown', 'What can you do?']

export function suggestionsFor(server: { kind: 'builtin' | 'custom'; llmBaseUrl: string } | undefined): LocalText[] {
  if (server?.kind === 'builtin' && server.llmBaseUrl === '') return DEMO_PHRASES.map(raw)
  return [key('layout.ask.hello'), key('layout.ask.interesting'), key('layout.ask.help')]
}
