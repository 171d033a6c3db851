/**
 * The audio format of a complete file, from its first bytes. Servers label their output loosely
 * (or not at all, inside base64 JSON), and the renderer's decoder needs the real type.
 */
export function sniffAudioType(bytes: Uint8Array): string {
  const ascii = (start: number, text: string) => [...text].every((c, i) => bytes[start + i] === c.charCodeAt(0))
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav'
  if (ascii(0, 'OggS')) return 'audio/ogg'
  if (ascii(0, 'fLaC')) return 'audio/flac'
  if (ascii(0, 'ID3')) return 'audio/mpeg'
  // A bare MPEG audio frame: 11 sync bits, then a layer that is not "reserved".
  const [b0, b1] = bytes
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0) return 'audio/mpeg'
  return 'application/octet-stream'
}
