import { onBeforeUnmount, watch, type Ref } from 'vue'
import { findSentence } from '../lib/text-range'
import { useSpeechStore } from '../stores/speech'

/** The name of the highlight the CSS paints (`::highlight(mira-speaking)` in AssistantTurn.vue). */
export const SPEAKING_HIGHLIGHT = 'mira-speaking'

/**
 * While Mira says a sentence of this answer, that sentence is highlighted in the message: a
 * Range over the rendered text (CSS Custom Highlight API), so the markdown is never rendered
 * again for it. Where the API is missing, nothing is highlighted.
 */
export function useSpeechHighlight(root: Ref<HTMLElement | undefined>, turnId: () => string): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight !== 'function') return
  const speech = useSpeechStore()
  let mine: Highlight | undefined
  /** Where the last spoken sentence ended: the next one is looked for after it. */
  let spokenUpTo = 0
  /** The sentence painted last and where it starts: painted again there when the message re-renders. */
  let painted: { id: number; start: number } | undefined
  let frame: number | undefined

  function clear(): void {
    // Another answer may own the highlight by now: only ours is taken away.
    if (mine && CSS.highlights.get(SPEAKING_HIGHLIGHT) === mine) CSS.highlights.delete(SPEAKING_HIGHLIGHT)
    mine = undefined
  }

  function paint(): void {
    frame = undefined
    const playing = speech.playing
    if (!playing || playing.turnId !== turnId() || !root.value) return clear()
    const again = painted?.id === playing.id
    const found = findSentence(root.value, playing.text, again && painted ? painted.start : spokenUpTo)
    if (!found) return clear()
    painted = { id: playing.id, start: found.start }
    spokenUpTo = found.end
    mine = new Highlight(found.range)
    CSS.highlights.set(SPEAKING_HIGHLIGHT, mine)
  }

  // The markdown renders in the frame after the text changes, and a streaming block is rewritten
  // whole, which empties a Range over its old text nodes: while one of this answer's sentences
  // plays, every change to the rendered message paints the highlight again, over the new nodes.
  // Painted in the observer's microtask, before the frame is drawn: no frame shows an emptied range.
  const rendered = new MutationObserver(paint)
  watch(
    [() => speech.playing, root],
    ([playing, element]) => {
      rendered.disconnect()
      if (playing?.turnId === turnId() && element) rendered.observe(element, { childList: true, subtree: true, characterData: true })
      if (frame === undefined) frame = requestAnimationFrame(paint)
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    rendered.disconnect()
    if (frame !== undefined) cancelAnimationFrame(frame)
    clear()
  })
}
