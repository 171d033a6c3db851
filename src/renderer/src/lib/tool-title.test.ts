import { describe, expect, it } from 'vitest'
import { toolTitle } from './tool-title'

describe('toolTitle', () => {
  it('says what the companion server’s tools did, with their outcome', () => {
    expect(toolTitle('get_current_time', {}, { local: '2026-12-03T09:16:05+09:00', text: 'x' })).toEqual({ title: { key: 'tools.clock' }, glimpse: '9:16' })
    expect(toolTitle('calculator', { expression: '6 * 7' }, { expression: '6 * 7', result: 42 })).toEqual({ title: { key: 'tools.calculator' }, glimpse: '6 * 7 = 42' })
    expect(toolTitle('calculator', '{"expression":"1+1"}', undefined).glimpse).toBe('1+1')
    expect(toolTitle('remember_note', { text: 'Buy milk' }, undefined)).toEqual({ title: { key: 'tools.remember' }, glimpse: 'Buy milk' })
  })

  it('names any other tool in words, with a glimpse of its arguments', () => {
    expect(toolTitle('get_weather', { city: 'Lyon' }, undefined)).toEqual({
      title: { key: 'tools.used', params: { name: { text: 'get weather' } } },
      glimpse: 'city: Lyon',
    })
  })
})
