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
export function useSpeechHighlight(root: Ref<HTMLElement | undefined>, turnId: () => string, text: () => string): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight !== 'function') return
  const speech = useSpeechStore()
  let mine: Highlight | undefined
  /** Where the last spoken sentence ended: the next one is looked for after it. */
  let spokenUpTo = 0
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
    const found = findSentence(root.value, playing.text, spokenUpTo)
    if (!found) return clear()
    spokenUpTo = found.end
    mine = new Highlight(found.range)
    CSS.highlights.set(SPEAKING_HIGHLIGHT, mine)
  }

  // The markdown renders in the frame after the text changes: looked for once it is on the page.
  watch(
    [() => speech.playing, text],
    () => {
      if (frame === undefined) frame = requestAnimationFrame(paint)
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    clear()
  })
}
