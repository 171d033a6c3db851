/**
 * The default backgrounds are painted in slices: a server painting them on its first start keeps
 * turning its event loop (answering clients) instead of stopping for the whole ~1.5 s.
 */
import { describe, expect, it } from 'vitest'
import { defaultBackgrounds } from '../../../src/server/backgrounds/art'

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
})
