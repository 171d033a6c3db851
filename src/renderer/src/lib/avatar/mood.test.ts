/** The mood over time: emotions hold until the next one, then linger and fade; states and touches. */
import { describe, expect, it } from 'vitest'
import { MoodClock, type MoodInput } from './mood'

const quiet: MoodInput = { speaking: false, busy: false, answering: false, typing: false, link: 'ready' }
const speaking = (turnId: string): MoodInput => ({ ...quiet, playing: { turnId }, speaking: true, busy: true, answering: true })
/** Between two sentences: nothing plays, the next one is still being made. */
const between: MoodInput = { ...quiet, speaking: true, busy: true, answering: true }

describe('MoodClock', () => {
  it('holds an emotion through the sentences and pauses after it, until the answer is over', () => {
    const clock = new MoodClock({ greetMs: 0 })
    clock.read(quiet, 0)
    clock.sentence('t1', 'surprised')
    expect(clock.read(speaking('t1'), 100)).toMatchObject({ expression: 'surprised', weight: 1, state: 'speaking' })
    // A long pause before the next sentence, then sentences without an emotion: still surprised.
    expect(clock.read(between, 3_000)).toMatchObject({ expression: 'surprised', weight: 1 })
    clock.sentence('t1', undefined)
    expect(clock.read(speaking('t1'), 20_000)).toMatchObject({ expression: 'surprised', weight: 1 })
    clock.sentence('t1', 'happy')
    expect(clock.read(speaking('t1'), 21_000)).toMatchObject({ expression: 'happy' })
  })

  it('lingers after the voice ends, fades smoothly, then rests neutral', () => {
    const clock = new MoodClock({ greetMs: 0, lingerMs: 1_000, fadeMs: 1_000 })
    clock.sentence('t1', 'sad')
    clock.read(speaking('t1'), 0)
    expect(clock.read(quiet, 5_000)).toMatchObject({ expression: 'sad', weight: 1, nextChangeAt: 6_000 })
    const fading = clock.read(quiet, 6_500)
    expect(fading.expression).toBe('sad')
    expect(fading.weight).toBeCloseTo(0.5)
    expect(fading.nextChangeAt).toBeGreaterThan(6_500)
    expect(clock.read(quiet, 7_100)).toMatchObject({ expression: 'neutral', weight: 0, state: 'idle' })
  })

  it('starts a new answer without an emotion neutral, and thinks until its first words', () => {
    const clock = new MoodClock({ greetMs: 0 })
    clock.sentence('t1', 'angry')
    clock.read(speaking('t1'), 0)
    clock.newMessage()
    expect(clock.read({ ...quiet, busy: true }, 100)).toMatchObject({ expression: 'thinking', state: 'thinking' })
    clock.sentence('t2', undefined)
    expect(clock.read(speaking('t2'), 200)).toMatchObject({ expression: 'neutral', state: 'speaking' })
  })

  it('greets once the server first answers, listens while the user types, and droops while offline', () => {
    const clock = new MoodClock({ greetMs: 2_000 })
    expect(clock.read({ ...quiet, link: 'connecting' }, 0).state).toBe('idle')
    expect(clock.read(quiet, 100)).toMatchObject({ state: 'greeting', expression: 'happy', nextChangeAt: 2_100 })
    expect(clock.read(quiet, 2_200)).toMatchObject({ state: 'idle', expression: 'neutral' })
    expect(clock.read({ ...quiet, typing: true }, 2_300).state).toBe('listening')
    expect(clock.read({ ...quiet, link: 'down' }, 2_400)).toMatchObject({ state: 'offline', expression: 'sleepy' })
    expect(clock.read({ ...quiet, link: 'problem' }, 2_500)).toMatchObject({ state: 'offline', expression: 'sad', weight: 0.6 })
    // Back online later: no second greeting.
    expect(clock.read(quiet, 9_000).state).toBe('idle')
    // Typing cuts a greeting short.
    const early = new MoodClock({ greetMs: 5_000 })
    expect(early.read(quiet, 0).state).toBe('greeting')
    early.read({ ...quiet, typing: true }, 100)
    expect(early.read(quiet, 200).state).toBe('idle')
  })

  it('startles at a poke, then is delighted; relaxes while patted; then back to the mood before', () => {
    const clock = new MoodClock({ greetMs: 0, pokeMs: 1_000, startleMs: 200, patMs: 500 })
    clock.read(quiet, 0)
    clock.touched('poke', 1_000)
    expect(clock.read(quiet, 1_050)).toMatchObject({ expression: 'surprised', reaction: 'poke', nextChangeAt: 1_200 })
    expect(clock.read(quiet, 1_300)).toMatchObject({ expression: 'happy', reaction: 'poke', nextChangeAt: 2_000 })
    expect(clock.read(quiet, 2_100)).toMatchObject({ expression: 'neutral' })
    clock.touched('pat', 3_000)
    clock.touched('pat', 3_400)
    expect(clock.read(quiet, 3_800)).toMatchObject({ expression: 'relaxed', reaction: 'pat' })
    expect(clock.read(quiet, 4_000).reaction).toBeUndefined()
  })
})
