import { describe, expect, it } from 'vitest'
import { RecentSet } from './recent-set'

describe('RecentSet', () => {
  it('keeps only the most recently added values', () => {
    const set = new RecentSet<string>(3)
    for (const id of ['a', 'b', 'c']) set.add(id)
    set.add('a') // refreshed: now the newest
    set.add('d')
    expect(['a', 'b', 'c', 'd'].map((id) => set.has(id))).toEqual([true, false, true, true])
    for (let i = 0; i < 10_000; i++) set.add(`t${i}`)
    expect(set.size).toBe(3)
    expect(set.has('t9999')).toBe(true)
  })
})
