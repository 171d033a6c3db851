/**
 * A small square picture of a WebGL character for the Character menu: drawn once, and copied in
 * the same task (a WebGL canvas keeps its drawing only until the frame is shown). `square` is the
 * part to keep, in the canvas's CSS pixels; by default the top of the canvas, where a face is.
 */
export function thumbnailOf(canvas: HTMLCanvasElement, draw: () => void, square?: { x: number; y: number; side: number }, size = 128): Promise<Blob | null> {
  draw()
  const out = document.createElement('canvas')
  out.width = size
  out.height = size
  // Canvas pixels per CSS pixel (the renderers draw at the device's resolution).
  const k = canvas.width / Math.max(1, canvas.clientWidth || canvas.width)
  const side = square ? square.side * k : Math.min(canvas.width, canvas.height)
  const [x, y] = square ? [square.x * k, square.y * k] : [(canvas.width - side) / 2, 0]
  out.getContext('2d')?.drawImage(canvas, x, y, side, side, 0, 0, size, size)
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'))
}
