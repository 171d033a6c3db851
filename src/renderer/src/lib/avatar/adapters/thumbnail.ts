/**
 * A small square picture of a WebGL character for the Character menu: drawn once, and copied in
 * the same task (a WebGL canvas keeps its drawing only until the frame is shown). The top of the
 * canvas is kept, where the face is.
 */
export function thumbnailOf(canvas: HTMLCanvasElement, draw: () => void, size = 128): Promise<Blob | null> {
  draw()
  const out = document.createElement('canvas')
  out.width = size
  out.height = size
  const side = Math.min(canvas.width, canvas.height)
  out.getContext('2d')?.drawImage(canvas, (canvas.width - side) / 2, 0, side, side, 0, 0, size, size)
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'))
}
