import { onScopeDispose, ref, watch, type Ref } from 'vue'

/**
 * A small popover's behaviour: a click outside `root` or Esc closes it; Esc (and choosing
 * something, through `close(true)`) gives focus back to the button that opened it.
 */
export function usePopover(root: Ref<HTMLElement | undefined>, trigger: Ref<HTMLElement | undefined>) {
  const open = ref(false)

  function close(refocus = false): void {
    if (!open.value) return
    open.value = false
    if (refocus) trigger.value?.focus()
  }

  function onPointerDown(event: PointerEvent): void {
    if (event.target instanceof Node && root.value?.contains(event.target)) return
    close()
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return
    // Handled here: the window's Esc (stop the answer) is not meant for an open popover.
    event.stopPropagation()
    close(true)
  }

  watch(open, (isOpen) => {
    if (isOpen) {
      document.addEventListener('pointerdown', onPointerDown, true)
      root.value?.addEventListener('keydown', onKeydown)
    } else {
      document.removeEventListener('pointerdown', onPointerDown, true)
      root.value?.removeEventListener('keydown', onKeydown)
    }
  })
  onScopeDispose(() => document.removeEventListener('pointerdown', onPointerDown, true))

  return { open, close, toggle: () => (open.value = !open.value) }
}
