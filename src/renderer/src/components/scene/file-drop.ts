/**
 * Dropping a file on an element: `dragging` while files hover over it, `onFile` with the first
 * file dropped. Drags that carry no files (text, links) are left alone.
 */
import { onScopeDispose, ref, watch } from 'vue'

export function useFileDrop(target: () => HTMLElement | null | undefined, onFile: (file: File) => void) {
  const dragging = ref(false)
  /** Whether the files hovering are images (a drag shows their types, not their names). */
  const images = ref(false)
  /** dragenter/dragleave fire for every child crossed: count them. */
  let depth = 0
  const hasFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false

  function enter(event: DragEvent): void {
    if (!hasFiles(event)) return
    depth++
    dragging.value = true
    images.value = [...(event.dataTransfer?.items ?? [])].some((item) => item.type.startsWith('image/'))
  }
  function over(event: DragEvent): void {
    if (!hasFiles(event) || !event.dataTransfer) return
    // Without this the browser would open the file instead.
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }
  function leave(event: DragEvent): void {
    if (!hasFiles(event)) return
    depth = Math.max(0, depth - 1)
    if (depth === 0) dragging.value = false
  }
  function drop(event: DragEvent): void {
    if (!hasFiles(event)) return
    depth = 0
    dragging.value = false
    // Another handler took the file first (a character model dropped on the stage).
    if (event.defaultPrevented) return
    event.preventDefault()
    const file = event.dataTransfer?.files[0]
    if (file) onFile(file)
  }

  const listeners = { dragenter: enter, dragover: over, dragleave: leave, drop } as const
  function attach(element: HTMLElement | null | undefined, on: boolean): void {
    if (!element) return
    for (const [name, listener] of Object.entries(listeners)) {
      if (on) element.addEventListener(name, listener as EventListener)
      else element.removeEventListener(name, listener as EventListener)
    }
  }
  const stop = watch(
    target,
    (element, previous) => {
      attach(previous, false)
      attach(element, true)
    },
    { immediate: true, flush: 'post' },
  )
  onScopeDispose(() => {
    stop()
    attach(target(), false)
  })
  return { dragging, images }
}
