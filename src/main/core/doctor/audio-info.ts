/** A one-line description of an audio file for the connection checks ("WAV, 22050 Hz, mono, 16-bit, 0.4 s"). */

/** Reads a RIFF/WAVE header; undefined when the file is not a well-formed WAV. */
function describeWav(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  let fmt: { channels: number; rate: number; bits: number } | undefined
  let dataBytes: number | undefined
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at)
    const size = view.getUint32(at + 4, true)
    if (id === 'fmt ' && at + 24 <= bytes.length) {
      fmt = { channels: view.getUint16(at + 10, true), rate: view.getUint32(at + 12, true), bits: view.getUint16(at + 22, true) }
    } else if (id === 'data') {
      dataBytes = Math.min(size, bytes.length - at - 8)
      break
    }
    at += 8 + size + (size % 2)
  }
  if (!fmt || dataBytes === undefined || fmt.channels === 0 || fmt.rate === 0 || fmt.bits === 0) return undefined
  const seconds = dataBytes / (fmt.rate * fmt.channels * (fmt.bits / 8))
  const channels = fmt.channels === 1 ? 'mono' : fmt.channels === 2 ? 'stereo' : `${fmt.channels} channels`
  return `WAV, ${fmt.rate} Hz, ${channels}, ${fmt.bits}-bit, ${seconds.toFixed(1)} s`
}

const names: Record<string, string> = { 'audio/ogg': 'Ogg', 'audio/flac': 'FLAC', 'audio/mpeg': 'MP3' }

/** Undefined when the bytes are not audio this app can decode. */
export function describeAudio(bytes: Uint8Array, mimeType: string): string | undefined {
  const size = `${(bytes.length / 1024).toFixed(1)} KB`
  if (mimeType === 'audio/wav') {
    const wav = describeWav(bytes)
    return wav ? `${wav}, ${size}` : undefined
  }
  const name = names[mimeType]
  return name ? `${name}, ${size}` : undefined
}
