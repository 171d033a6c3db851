/**
 * A file the user picked or dropped, checked as the host will check it (type by its first bytes,
 * size cap) so that a wrong file is refused at once, then read as base64 for `addBackground`.
 */
import { IMAGE_SIGNATURE_BYTES, MAX_BACKGROUND_BYTES, sniffImageType } from '../../../shared/background-image'

export type ImageFileCheck = { ok: true; data: string } | { ok: false; problem: 'notImage' | 'tooLarge' }

export const MAX_BACKGROUND_MB = MAX_BACKGROUND_BYTES / 1024 / 1024

export async function readImageFile(file: Blob): Promise<ImageFileCheck> {
  if (file.size > MAX_BACKGROUND_BYTES) return { ok: false, problem: 'tooLarge' }
  const head = new Uint8Array(await file.slice(0, IMAGE_SIGNATURE_BYTES).arrayBuffer())
  if (!sniffImageType(head)) return { ok: false, problem: 'notImage' }
  return { ok: true, data: await readBase64(file) }
}

/** The browser's own encoder (a data: URL) is far faster than building the string in script. */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'))
    reader.readAsDataURL(file)
  })
}
