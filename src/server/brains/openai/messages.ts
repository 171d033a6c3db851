import type { BrainInput } from '../types'
import type { WireContentPart, WireMessage, WireTool } from './wire'
import type { Tool } from '../../tools/types'

/** The persona as the system message, then the history; images go with the last user message. */
export function buildMessages(input: Pick<BrainInput, 'messages' | 'persona' | 'images'>): WireMessage[] {
  const messages: WireMessage[] = []
  const persona = input.persona?.trim()
  if (persona) messages.push({ role: 'system', content: persona })
  const images = input.images?.filter((url) => url.trim() !== '') ?? []
  const lastUser = input.messages.findLastIndex((message) => message.role === 'user')
  input.messages.forEach((message, index) => {
    if (message.role === 'user') {
      if (index === lastUser && images.length > 0) {
        const parts: WireContentPart[] = [
          { type: 'text', text: message.content },
          ...images.map((url): WireContentPart => ({ type: 'image_url', image_url: { url } })),
        ]
        messages.push({ role: 'user', content: parts })
      } else {
        messages.push({ role: 'user', content: message.content })
      }
    } else {
      messages.push({ role: message.role, content: message.content })
    }
  })
  return messages
}

export function wireTools(tools: readonly Tool[]): WireTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }))
}
