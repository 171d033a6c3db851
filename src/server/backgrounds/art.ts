/**
 * Mira's three default backgrounds, painted in code so the repository carries no binary art.
 * They are original works, released under CC0 (see the LICENSE.txt written next to them).
 * Painters blend into one reused colour so a 1280×720 image costs no allocation per pixel.
 */
import { encodePng } from './png'

type Rgb = readonly [number, number, number]
/** Writes the colour of pixel (x, y) into `c`. */
type Painter = (x: number, y: number, c: Float64Array) => void

export const WIDTH = 1280
export const HEIGHT = 720

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v))
const smooth = (edge0: number, edge1: number, v: number): number => {
  const t = clamp01((v - edge0) / (edge1 - edge0))
  return t * t * (3 - 2 * t)
}
// Math.hypot is several times slower, and this runs for every pixel.
const dist = (dx: number, dy: number): number => Math.sqrt(dx * dx + dy * dy)
const hex = (value: number): Rgb => [(value >> 16) & 255, (value >> 8) & 255, value & 255]

/** c ← c + (b − c)·t */
function blend(c: Float64Array, b: Rgb, t: number): void {
  c[0] = (c[0] as number) + (b[0] - (c[0] as number)) * t
  c[1] = (c[1] as number) + (b[1] - (c[1] as number)) * t
  c[2] = (c[2] as number) + (b[2] - (c[2] as number)) * t
}

/** A gradient through evenly spaced stops, written into `c`. */
function gradient(c: Float64Array, stops: readonly Rgb[], t: number): void {
  const scaled = clamp01(t) * (stops.length - 1)
  const i = Math.min(stops.length - 2, Math.floor(scaled))
  c.set(stops[i] as Rgb)
  blend(c, stops[i + 1] as Rgb, scaled - i)
}

/** A deterministic pseudo-random sequence (mulberry32), so the art is the same on every machine. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAWN_SKY = [hex(0x2b2d5c), hex(0x7a4f8a), hex(0xe58f7a), hex(0xf7d08a)]
const SUN_GLOW = hex(0xfff1c9)
const SUN = hex(0xfff6dc)
const HILLS: Array<[base: number, height: number, freq: number, shade: Rgb]> = [
  [0.7, 38, 0.006, hex(0x8a5a86)],
  [0.78, 30, 0.009, hex(0x5e3f6e)],
  [0.88, 22, 0.013, hex(0x352a4f)],
]

const dawn: Painter = (x, y, c) => {
  gradient(c, DAWN_SKY, y / (HEIGHT * 0.78))
  const sun = dist(x - WIDTH * 0.68, y - HEIGHT * 0.62)
  blend(c, SUN_GLOW, 0.55 * Math.exp(-sun / 140))
  blend(c, SUN, smooth(78, 72, sun))
  for (const [base, height, freq, shade] of HILLS) {
    const ridge = HEIGHT * base + Math.sin(x * freq + base * 10) * height + Math.sin(x * freq * 2.3) * height * 0.4
    blend(c, shade, smooth(ridge - 1.5, ridge + 1.5, y))
  }
}

/** Star brightness per pixel, splatted once around each star instead of searched for per pixel. */
function starLayer(): Float32Array {
  const next = random(7)
  const layer = new Float32Array(WIDTH * HEIGHT)
  for (let n = 0; n < 260; n++) {
    const sx = next() * WIDTH
    const sy = next() * HEIGHT * 0.75
    const r = 0.6 + next() * 1.3
    for (let y = Math.max(0, Math.floor(sy - 3)); y <= Math.min(HEIGHT - 1, Math.ceil(sy + 3)); y++) {
      for (let x = Math.max(0, Math.floor(sx - 3)); x <= Math.min(WIDTH - 1, Math.ceil(sx + 3)); x++) {
        const i = y * WIDTH + x
        layer[i] = Math.max(layer[i] as number, smooth(r + 0.8, r - 0.4, dist(x - sx, y - sy)))
      }
    }
  }
  return layer
}

const NIGHT_SKY = [hex(0x060b1f), hex(0x10204a), hex(0x1d3b6b)]
const AURORA = hex(0x3fd6a8)
const STAR = hex(0xf4f7ff)
const MOON_GLOW = hex(0xc9d8ff)
const MOON = hex(0xfdf6e3)
const NIGHT_GROUND = hex(0x050814)

/**
 * The moon's centre and radius: near the middle, so it stays whole when a phone's tall stage
 * crops the picture to its centre third (object-fit: cover), not only on a wide window.
 */
export const MOON_AT = { x: Math.round(WIDTH * 0.56), y: Math.round(HEIGHT * 0.2), r: 51 }

const night =
  (stars: Float32Array): Painter =>
  (x, y, c) => {
    gradient(c, NIGHT_SKY, y / HEIGHT)
    const band = Math.exp(-(((y - (HEIGHT * 0.32 + Math.sin(x / 170) * 60)) / 70) ** 2))
    blend(c, AURORA, 0.28 * band * (0.6 + 0.4 * Math.sin(x / 53)))
    blend(c, STAR, stars[y * WIDTH + x] as number)
    const moon = dist(x - MOON_AT.x, y - MOON_AT.y)
    const bite = dist(x - MOON_AT.x - 22, y - MOON_AT.y + 10)
    blend(c, MOON_GLOW, 0.25 * Math.exp(-moon / 90))
    blend(c, MOON, smooth(MOON_AT.r, MOON_AT.r - 2, moon) * smooth(45, 47, bite))
    const ground = HEIGHT * 0.86 + Math.sin(x / 90) * 8 + Math.sin(x / 37) * 3
    blend(c, NIGHT_GROUND, smooth(ground - 1.5, ground + 1.5, y))
  }

const MIST = [hex(0xd8f3ec), hex(0xcfe0f7), hex(0xe9d7f5)]
const BUBBLES = (() => {
  const next = random(42)
  const white = hex(0xffffff)
  const pink = hex(0xffd6e8)
  return Array.from({ length: 14 }, () => {
    const x = next() * WIDTH
    const y = next() * HEIGHT
    const r = 40 + next() * 130
    const t = next()
    const tint: Rgb = [white[0] + (pink[0] - white[0]) * t, white[1] + (pink[1] - white[1]) * t, white[2] + (pink[2] - white[2]) * t]
    return { x, y, r, tint }
  })
})()

const mist: Painter = (x, y, c) => {
  gradient(c, MIST, (x / WIDTH) * 0.6 + (y / HEIGHT) * 0.4)
  for (const b of BUBBLES) blend(c, b.tint, 0.22 * smooth(b.r, b.r * 0.55, dist(x - b.x, y - b.y)))
}

// 4×4 ordered dither: a quarter step of noise that hides banding in long gradients.
const BAYER = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5]

/** Rows painted between two turns of the event loop: a slice costs about a millisecond, never the whole image. */
const ROWS_PER_SLICE = 8

/** Paints in slices, yielding to the event loop between them, so a server painting its first art keeps answering. */
async function paint(painter: Painter): Promise<Buffer> {
  // Clamped, so a dithered 255.4 stays 255.
  const rgb = new Uint8ClampedArray(WIDTH * HEIGHT * 3)
  const c = new Float64Array(3)
  let o = 0
  for (let y = 0; y < HEIGHT; y++) {
    if (y % ROWS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve))
    for (let x = 0; x < WIDTH; x++) {
      painter(x, y, c)
      const dither = ((BAYER[(y & 3) * 4 + (x & 3)] as number) + 0.5) / 16 - 0.5
      rgb[o++] = Math.round((c[0] as number) + dither)
      rgb[o++] = Math.round((c[1] as number) + dither)
      rgb[o++] = Math.round((c[2] as number) + dither)
    }
  }
  return encodePng(WIDTH, HEIGHT, rgb)
}

const SCENES: Record<string, () => Painter> = {
  'dawn-hills.png': () => dawn,
  'starry-night.png': () => night(starLayer()),
  'soft-mist.png': () => mist,
}
let painted: Promise<Array<{ name: string; png: Buffer }>> | undefined

/** The default backgrounds as PNG files (painted once per process, in slices). */
export function defaultBackgrounds(): Promise<Array<{ name: string; png: Buffer }>> {
  painted ??= (async () => {
    const images: Array<{ name: string; png: Buffer }> = []
    for (const [name, painter] of Object.entries(SCENES)) images.push({ name, png: await paint(painter()) })
    return images
  })()
  return painted
}

export const BACKGROUNDS_LICENSE = `The backgrounds dawn-hills.png, starry-night.png and soft-mist.png were painted in code
for Mira (src/server/backgrounds/art.ts). They are dedicated to the public domain under CC0 1.0:
https://creativecommons.org/publicdomain/zero/1.0/

Add your own images here (png, jpg, webp, gif, avif); they appear in Mira's background list.
`
