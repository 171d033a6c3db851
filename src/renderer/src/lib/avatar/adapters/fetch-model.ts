/**
 * Fetches a model file with a size bound, turning every way it can fail into an `AvatarLoadError`
 * the stage can explain (gone, too large, unreadable).
 */
import { AvatarLoadError } from './types'

/** VRoid exports are 10–60 MB; far larger is not a character for a desktop companion. */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024

export async function fetchModelBytes(url: string, max = MAX_MODEL_BYTES): Promise<ArrayBuffer> {
  let response: Response
  try {
    response = await fetch(url, { credentials: 'omit' })
  } catch (error) {
    throw new AvatarLoadError('notFound', error instanceof Error ? error.message : String(error))
  }
  if (!response.ok) throw new AvatarLoadError('notFound', `HTTP ${response.status}`)
  const length = Number(response.headers.get('content-length') ?? 0)
  if (length > max) throw new AvatarLoadError('badFile', `larger than ${Math.round(max / 1024 / 1024)} MB`)
  const bytes = await response.arrayBuffer()
  if (bytes.byteLength > max) throw new AvatarLoadError('badFile', `larger than ${Math.round(max / 1024 / 1024)} MB`)
  return bytes
}

export async function fetchModelJson(url: string): Promise<unknown> {
  const bytes = await fetchModelBytes(url, 8 * 1024 * 1024)
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch (error) {
    throw new AvatarLoadError('badJson', error instanceof Error ? error.message : String(error))
  }
}
