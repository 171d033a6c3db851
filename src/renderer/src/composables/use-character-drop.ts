/**
 * A `.vrm`, a zipped Live2D model or a Live2D model's folder dropped anywhere on the stage becomes
 * the user's character. Listened for in the capture
 * phase on the stage and marked handled (`preventDefault`), so the backgrounds' drop handler
 * (images) leaves a model file alone. `dragging` is true while such a drag hovers over the stage
 * (anything with files but no image: a drag shows types, not names, and a `.vrm` or folder has none).
 */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import { droppedFolderFiles } from '../lib/avatar/pack-folder'
import { useCharactersStore } from '../stores/characters'

const isModelFile = (file: File): boolean => /\.(vrm|zip)$/i.test(file.name)

/** Files, none of them an image (images are the backgrounds'). */
export function carriesModel(items: readonly { kind: string; type: string }[]): boolean {
  return items.some((item) => item.kind === 'file') && !items.some((item) => item.type.startsWith('image/'))
}

export function useCharacterDrop(root: Ref<HTMLElement | undefined>): { dragging: Ref<boolean> } {
  const characters = useCharactersStore()
  const dragging = ref(false)
  /** dragenter/dragleave fire for every child crossed: count them. */
  let depth = 0
  let stage: HTMLElement | null | undefined

  function onEnter(event: DragEvent): void {
    if (!carriesModel([...(event.dataTransfer?.items ?? [])])) return
    depth++
    dragging.value = true
  }
  function onLeave(): void {
    if (!dragging.value) return
    depth = Math.max(0, depth - 1)
    if (depth === 0) dragging.value = false
  }

  function onDrop(event: DragEvent): void {
    depth = 0
    dragging.value = false
    const entry = event.dataTransfer?.items[0]?.webkitGetAsEntry()
    if (entry?.isDirectory) {
      event.preventDefault()
      void characters.addFolder(() => droppedFolderFiles(entry as FileSystemDirectoryEntry))
      return
    }
    const file = event.dataTransfer?.files[0]
    if (!file || !isModelFile(file)) return
    event.preventDefault()
    void characters.add(file)
  }

  const listeners = { dragenter: onEnter, dragleave: onLeave, drop: onDrop } as const
  onMounted(() => {
    stage = root.value?.closest<HTMLElement>('.stage') ?? root.value
    for (const [name, listener] of Object.entries(listeners)) stage?.addEventListener(name, listener as EventListener, { capture: true })
  })
  onBeforeUnmount(() => {
    for (const [name, listener] of Object.entries(listeners)) stage?.removeEventListener(name, listener as EventListener, { capture: true })
  })
  return { dragging }
}
