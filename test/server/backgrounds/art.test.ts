/**
 * The default backgrounds are painted in slices: a server painting them on its first start keeps
 * turning its event loop (answering clients) instead of stopping for the whole ~1.5 s.
 */
import { describe, expect, it } from 'vitest'
import { defaultBackgrounds, HEIGHT, MOON_AT, WIDTH } from '../../../src/server/backgrounds/art'

describe('default backgrounds', () => {
  it('yield to the event loop many times while they are painted', async () => {
    let turns = 0
    let painting = true
    const count = (): void => {
      turns++
      if (painting) setImmediate(count)
    }
    setImmediate(count)
    const images = await defaultBackgrounds()
    painting = false
    expect(images.map((i) => i.name).sort()).toEqual(['dawn-hills.png', 'soft-mist.png', 'starry-night.png'])
    // 720 rows in slices of 8, three times: the loop turned at least once per slice.
    expect(turns).toBeGreaterThanOrEqual(3 * 90)
  })

  it('keep the moon of Starry night whole on a phone’s tall stage, which shows only the picture’s middle', () => {
    // object-fit: cover on a 390 × 844 stage: the whole height, and the middle 333 px of the width.
    const shown = HEIGHT * (390 / 844)
    const left = (WIDTH - shown) / 2
    expect(MOON_AT.x - MOON_AT.r).toBeGreaterThan(left)
    expect(MOON_AT.x + MOON_AT.r).toBeLessThan(left + shown)
    // Below the frosted header (52 px at that size, about 44 px of the picture).
    expect(MOON_AT.y - MOON_AT.r).toBeGreaterThan(52 * (HEIGHT / 844))
  })
})
