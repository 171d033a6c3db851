/**
 * A `.vrm`, a zipped Live2D model or a Live2D model's folder dropped anywhere on the stage becomes
 * the user's character. Listened for in the capture
 * phase on the stage and marked handled (`preventDefault`), so the backgrounds' drop handler
 * (images) leaves a model file alone.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { droppedFolderFiles } from '../lib/avatar/pack-folder'
import { useCharactersStore } from '../stores/characters'

const isModelFile = (file: File): boolean => /\.(vrm|zip)$/i.test(file.name)

export function useCharacterDrop(root: Ref<HTMLElement | undefined>): void {
  const characters = useCharactersStore()
  let stage: HTMLElement | null | undefined

  function onDrop(event: DragEvent): void {
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

  onMounted(() => {
    stage = root.value?.closest<HTMLElement>('.stage') ?? root.value
    stage?.addEventListener('drop', onDrop, { capture: true })
  })
  onBeforeUnmount(() => stage?.removeEventListener('drop', onDrop, { capture: true }))
}
