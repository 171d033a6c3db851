import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/** How far (px) a drag must go, or how fast (px/ms) a short flick, to count as a swipe. */
const DISTANCE = 56
const FLICK_SPEED = 0.5
const FLICK_MIN = 16

/** What a vertical drag of `dy` px (down positive) over `ms` means: a swipe down, up, or nothing. */
export function swipeOf(dy: number, ms: number): 'down' | 'up' | undefined {
  const fast = Math.abs(dy) >= FLICK_MIN && Math.abs(dy) / Math.max(ms, 1) >= FLICK_SPEED
  if (Math.abs(dy) < DISTANCE && !fast) return undefined
  return dy > 0 ? 'down' : 'up'
}

/**
 * Swipes on an element, by touch, pen or mouse (pointer events, captured so the drag may leave the
 * element): `offset` follows the drag for the element to move with the finger, `onSwipe` hears
 * the outcome. `enabled` decides at each press (e.g. only while the conversation is a bottom sheet).
 */
export function useSwipe(target: Ref<HTMLElement | undefined>, onSwipe: (direction: 'down' | 'up') => void, enabled: () => boolean = () => true) {
  const offset = ref(0)
  let start: { id: number; y: number; at: number } | undefined

  function down(event: PointerEvent): void {
    if (!enabled() || event.button !== 0 || (event.target instanceof Element && event.target.closest('button:not([data-swipe])'))) return
    start = { id: event.pointerId, y: event.clientY, at: event.timeStamp }
    try {
      target.value?.setPointerCapture(event.pointerId)
    } catch {
      // A pointer the browser no longer tracks: the drag still works while it stays on the element.
    }
  }
  function move(event: PointerEvent): void {
    if (start?.id === event.pointerId) offset.value = event.clientY - start.y
  }
  function up(event: PointerEvent): void {
    if (start?.id !== event.pointerId) return
    const direction = swipeOf(event.clientY - start.y, event.timeStamp - start.at)
    start = undefined
    offset.value = 0
    if (direction) onSwipe(direction)
  }
  function cancel(): void {
    start = undefined
    offset.value = 0
  }

  const events = { pointerdown: down, pointermove: move, pointerup: up, pointercancel: cancel } as const
  watch(
    target,
    (el, old) => {
      for (const [name, handler] of Object.entries(events)) {
        old?.removeEventListener(name, handler as EventListener)
        el?.addEventListener(name, handler as EventListener)
      }
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    for (const [name, handler] of Object.entries(events)) target.value?.removeEventListener(name, handler as EventListener)
  })
  return { offset }
}
