/**
 * A Live2D model's folder, picked or dropped, packed into one zip for the host (which checks and
 * unpacks it like a zip the user gave): one transfer, one set of rules. Stored, not compressed:
 * it is unpacked at once. fflate is loaded only when a folder is added.
 */
export interface FolderFile {
  /** Relative to the folder's parent: `Haru/haru.model3.json`. */
  path: string
  file: File
}

export async function packFolder(files: readonly FolderFile[]): Promise<File> {
  const { zipSync } = await import('fflate')
  const entries: Record<string, Uint8Array> = {}
  for (const { path, file } of files) entries[path] = new Uint8Array(await file.arrayBuffer())
  const name = files[0]?.path.split('/')[0] || 'model'
  return new File([zipSync(entries, { level: 0 })], `${name}.zip`)
}

/** The files a folder picker (`webkitdirectory`) gave, with their paths. */
export const pickedFolderFiles = (list: FileList): FolderFile[] => [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }))

/** Every file under a dropped folder. Entries must be taken during the drop event; reading them may come later. */
export async function droppedFolderFiles(entry: FileSystemDirectoryEntry): Promise<FolderFile[]> {
  const out: FolderFile[] = []
  async function walk(dir: FileSystemDirectoryEntry, prefix: string): Promise<void> {
    const reader = dir.createReader()
    // readEntries hands them out in batches until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
      if (batch.length === 0) return
      for (const child of batch) {
        const path = `${prefix}/${child.name}`
        if (child.isDirectory) await walk(child as FileSystemDirectoryEntry, path)
        else out.push({ path, file: await new Promise<File>((resolve, reject) => (child as FileSystemFileEntry).file(resolve, reject)) })
      }
    }
  }
  await walk(entry, entry.name)
  return out
}
