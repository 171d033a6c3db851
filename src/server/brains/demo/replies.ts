/**
 * What the offline demo says. Rule-based and honest: it is Mira's demo, not a model, and it says
 * how to connect one. Each reply still exercises what the app must handle: emotion tags, a tool
 * call, a long answer, markdown.
 */

export type DemoTopic = 'greeting' | 'time' | 'story' | 'markdown' | 'help' | 'thanks' | 'empty' | 'other'

const RULES: Array<[DemoTopic, RegExp]> = [
  ['time', /\b(what time|the time|time is it|clock|what day|date today|today's date)\b/i],
  ['story', /\b(story|long|tale)\b/i],
  ['markdown', /\b(markdown|format|formatting|table|code block|list)\b/i],
  ['help', /\b(help|what can you do|commands|how do i|connect|model|ollama|settings)\b/i],
  ['thanks', /\b(thanks|thank you|thx)\b/i],
  ['greeting', /^\s*(hi|hello|hey|yo|good (morning|afternoon|evening)|howdy|hallo|hola|bonjour)\b/i],
]

export function topicOf(text: string): DemoTopic {
  if (!text.trim()) return 'empty'
  return RULES.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other'
}

const HOW_TO_CONNECT =
  'To talk with a real model, open Settings → Server and connect Mira to an agent server, ' +
  'or point it at an OpenAI-compatible endpoint such as Ollama running on this computer.'

const TRY_THIS = 'Meanwhile, try “what time is it”, “tell me a story” or “show me some markdown”.'

export const GREETING = `[happy] Hi, nice to meet you! I'm Mira's offline demo: a few simple rules, no language model behind me. [neutral] ${HOW_TO_CONNECT} [happy] ${TRY_THIS}`

export const HELP = `[thinking] I'm the offline demo, so I only know a few tricks:

- **“what time is it”** reads the clock with a tool,
- **“tell me a story”** gives a long answer,
- **“show me some markdown”** shows lists, code and a table.

[neutral] ${HOW_TO_CONNECT} Once a model is connected, I answer for real.`

export const THANKS = `[happy] You're welcome! [neutral] Remember, I'm only the offline demo. ${HOW_TO_CONNECT}`

export const EMPTY = `[thinking] That message had no words in it. ${TRY_THIS}`

export function otherReply(said: string): string {
  const excerpt = said.trim().replace(/\s+/g, ' ')
  const quoted = excerpt.length > 80 ? `${excerpt.slice(0, 79)}…` : excerpt
  return `[thinking] You said: “${quoted}”. [neutral] I'm Mira's offline demo, so I can't really answer that: nothing here understands language. ${HOW_TO_CONNECT} [happy] ${TRY_THIS}`
}

export function imagesNote(count: number): string {
  return `[neutral] I received ${count === 1 ? 'an image' : `${count} images`}, but the offline demo can't look at pictures. `
}

export function timeReply(text: string, fromTool: boolean): string {
  return fromTool
    ? `[happy] It's ${text}. I asked the clock tool for that. `
    : `[neutral] I have no clock tool in this setup, so I read the computer's clock myself: it's ${text}. `
}

export const STORY = `[happy] Here is a story, told the long way.

[neutral] Once upon a time, in a city that hummed all night, there lived a small desk lamp named Pim. Every evening Pim watched its owner write letters that were never sent. [sad] The letters piled up in a drawer, and the drawer grew heavy with words nobody read.

[thinking] One night Pim decided to help. It flickered once for yes and twice for no, and the owner, half asleep, began to ask it questions. Should this letter go to the sea? Once. Should that one go to the old friend across town? Once, brightly. Should the angry one be burned? Twice, then a long, warm glow.

[surprised] By morning the drawer was empty. Some letters were in the mailbox, one was a paper boat in the gutter, and one was ash in a saucer, which felt right. [happy] Weeks later, answers began to arrive: a postcard with a lighthouse, a phone call that lasted three hours, and a recipe for lemon cake written in careful, shaky capitals.

[neutral] Pim never flickered again; lamps rarely need to twice. But on quiet evenings the owner still asks it things, out loud, and waits a moment before deciding. [happy] And that, as far as I know, is the end.`

export const MARKDOWN = `[happy] Here is some **markdown**, so you can see how it looks.

## A list

- **Bold** and *italic* text
- A link to [the Ollama website](https://ollama.com)
- Inline code such as \`npm test\`

## A code block

\`\`\`ts
// Code is shown, not read aloud.
function greet(name: string): string {
  return \`Hello, \${name}!\`
}
\`\`\`

## A table

| Feature | Offline demo | Real model |
|---------|:------------:|:----------:|
| Streaming | yes | yes |
| Answers questions | no | yes |

[neutral] ${HOW_TO_CONNECT}`
