/**
 * A scrolling log that renders only its recent entries and follows new text while the reader is
 * at the bottom. A long conversation would otherwise keep every answer's DOM and components alive:
 * here the last `size` entries are shown, earlier ones come back a `step` at a time when the reader
 * scrolls up to them (or presses the "earlier" button, the sentinel at the top), without moving
 * what they are reading; once they are back at the bottom, the window shrinks again as entries come.
 * Kept apart from the component, so a restyled log keeps the behaviour.
 */
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'

export interface WindowedLogOptions {
  /** Entries rendered while following the end. */
  size?: number
  /** Entries brought back per step up. */
  step?: number
}

/** How close to the end (px) still counts as "at the bottom". */
const SLACK = 64
/** The sentinel loads earlier entries this far (px) before it scrolls into view. */
const AHEAD = 400

/** Which entries are rendered: the pure arithmetic of the window, from `start` to the end. */
export class LogWindow {
  start = 0
  constructor(
    readonly size: number,
    readonly step: number,
  ) {}

  /** The log is now `length` long: when it grew while the reader follows the end, the oldest entries drop out. */
  resized(length: number, following: boolean): void {
    if (following) this.start = Math.max(this.start, length - this.size)
    // A shorter list (a message discarded) still shows a full window.
    this.start = Math.min(this.start, Math.max(0, length - this.size))
  }

  /** Another list altogether (another conversation): its end is shown. */
  reset(length: number): void {
    this.start = Math.max(0, length - this.size)
  }

  /** Brings back up to `step` earlier entries; false when there were none. */
  earlier(): boolean {
    if (this.start === 0) return false
    this.start = Math.max(0, this.start - this.step)
    return true
  }
}

export function useWindowedLog<T>(entries: () => readonly T[], scroller: Ref<HTMLElement | undefined>, content: Ref<HTMLElement | undefined>, options: WindowedLogOptions = {}) {
  const span = new LogWindow(options.size ?? 40, options.step ?? 20)
  const start = ref(0)
  const sentinel = ref<HTMLElement>()
  const visible = computed(() => entries().slice(start.value))
  const hidden = computed(() => Math.min(start.value, entries().length))

  const atBottom = (el: HTMLElement, height = el.scrollHeight): boolean => el.scrollTop + el.clientHeight >= height - SLACK
  let lastHeight = 0

  /**
   * Follows the content's growth. A ResizeObserver runs after layout, so following streamed text
   * never forces an extra layout per frame; whether the reader was at the bottom is judged against
   * the height seen last time, so the order of scroll events does not matter.
   */
  const grown = new ResizeObserver(() => {
    const el = scroller.value
    if (!el) return
    if (atBottom(el, lastHeight)) el.scrollTop = el.scrollHeight
    lastHeight = el.scrollHeight
  })

  /**
   * Ends at the bottom once the DOM has the new entries. Done here, not left to the ResizeObserver:
   * a trimmed log often keeps its height (the entry that left is as tall as the one that came), and
   * a flag waiting for a resize that never comes would later pull a reader who scrolled up down.
   */
  function toBottom(): void {
    void nextTick(() => {
      const el = scroller.value
      if (!el) return
      el.scrollTop = el.scrollHeight
      lastHeight = el.scrollHeight
    })
  }

  let earlierShown: IntersectionObserver | undefined

  function update(): void {
    start.value = span.start
  }

  /** Brings back earlier entries, keeping what the reader sees where it is. */
  function showEarlier(): void {
    const el = scroller.value
    if (!el || !span.earlier()) return
    const fromBottom = el.scrollHeight - el.scrollTop
    update()
    void nextTick(() => {
      el.scrollTop = el.scrollHeight - fromBottom
      lastHeight = el.scrollHeight
      // Observing again reports where the sentinel is now: more is loaded while it is still near.
      if (sentinel.value) {
        earlierShown?.unobserve(sentinel.value)
        earlierShown?.observe(sentinel.value)
      }
    })
  }

  watch(
    () => entries().length,
    (length, before) => {
      const el = scroller.value
      const following = !el || atBottom(el)
      const grew = length > before
      span.resized(length, following && grew)
      update()
      if (following && grew) toBottom()
    },
  )
  // Only a new list (not a push onto the same one) resets the window.
  watch(entries, (list) => {
    span.reset(list.length)
    update()
    toBottom()
  })
  watch(sentinel, (element, old) => {
    if (old) earlierShown?.unobserve(old)
    if (element) earlierShown?.observe(element)
  })

  onMounted(() => {
    span.reset(entries().length)
    update()
    const el = scroller.value
    if (content.value) grown.observe(content.value)
    if (!el) return
    // The browser's own scroll anchoring would move the view a second time when earlier entries come back.
    el.style.overflowAnchor = 'none'
    earlierShown = new IntersectionObserver(
      (seen) => {
        if (seen.some((entry) => entry.isIntersecting)) showEarlier()
      },
      { root: el, rootMargin: `${AHEAD}px 0px 0px 0px` },
    )
    if (sentinel.value) earlierShown.observe(sentinel.value)
  })
  onBeforeUnmount(() => {
    grown.disconnect()
    earlierShown?.disconnect()
  })

  return { visible, hidden, sentinel, showEarlier }
}
