/**
 * The character's mood over time, for any avatar (built-in SVG, Live2D, VRM): which expression it
 * shows, how strongly (weight 0 … 1 over neutral), and in which state (pose). Pure and driven by
 * the caller's clock, so the timing is the same for every renderer and testable without one.
 *
 * - An emotion holds until the next one: through the sentences after it and the pauses between
 *   them, until the answer is over and the voice quiet; then it lingers and fades to neutral.
 * - A new answer without an emotion starts neutral.
 * - Thinking until the first words; listening while the user types; a greeting when the server
 *   first answers; sleepy while the link is down, worried while it needs the user.
 * - A poke (a click) surprises, then delights; pats (stroking with a button held) relax.
 */
import type { Expression } from './emotions'

export type AvatarState = 'idle' | 'greeting' | 'listening' | 'thinking' | 'speaking' | 'offline'

/** `down`: trying or stopped; `problem`: only the user can fix it (a token, an address). */
export type LinkMood = 'ready' | 'connecting' | 'down' | 'problem'

export interface MoodInput {
  /** The sentence playing now, with its emotion already mapped to an expression. */
  playing?: { turnId: string; expression?: Expression }
  /** A sentence is playing or waiting to. */
  speaking: boolean
  /** An answer is on its way (or a message waits to be answered). */
  busy: boolean
  /** The open answer has words already. */
  answering: boolean
  typing: boolean
  link: LinkMood
}

export interface Mood {
  expression: Expression
  /** How strongly the expression shows over neutral, 0 … 1 (neutral itself: 0). */
  weight: number
  state: AvatarState
  /** A poke or pat being reacted to: adapters may bounce or squash. */
  reaction?: 'poke' | 'pat'
  /** When this mood changes by itself (a fade, a greeting ending), if no input changes first. */
  nextChangeAt?: number
}

export interface MoodTiming {
  greetMs: number
  /** After the answer and its voice end, the emotion stays this long … */
  lingerMs: number
  /** … then fades out over this long. */
  fadeMs: number
  pokeMs: number
  /** Of a poke, the surprised start. */
  startleMs: number
  patMs: number
}

export const MOOD_TIMING: MoodTiming = { greetMs: 2600, lingerMs: 1500, fadeMs: 1000, pokeMs: 1400, startleMs: 300, patMs: 900 }

/** Fade steps: a fading weight is worth re-reading this often. */
const STEP_MS = 50

export class MoodClock {
  private held: { expression: Expression; turnId?: string } = { expression: 'neutral' }
  private quietSince: number | undefined
  private greetUntil: number | undefined
  private greeted = false
  private poke: { kind: 'poke' | 'pat'; at: number } | undefined
  private readonly timing: MoodTiming

  constructor(timing: Partial<MoodTiming> = {}) {
    this.timing = { ...MOOD_TIMING, ...timing }
  }

  /** A sentence started playing: its emotion (if any) holds from now on. */
  sentence(turnId: string, expression: Expression | undefined): void {
    if (expression) this.held = { expression, turnId }
    else if (this.held.turnId !== turnId) this.held = { expression: 'neutral', turnId }
  }

  /** The user sent a message: the last answer's mood gives way to attention. */
  newMessage(): void {
    this.held = { expression: 'neutral' }
  }

  /** A click (poke) or a stroke with a button held (pat); each pat of a stroke keeps the reaction going. */
  touched(kind: 'poke' | 'pat', now: number): void {
    this.poke = { kind, at: now }
  }

  read(input: MoodInput, now: number): Mood {
    const t = this.timing
    if (input.link === 'ready' && !this.greeted) {
      this.greeted = true
      this.greetUntil = now + t.greetMs
    }
    // The user's first word ends the greeting: attention moves to them.
    if (input.typing || input.busy) this.greetUntil = undefined
    if (input.speaking || input.busy || input.playing) this.quietSince = undefined
    else this.quietSince ??= now

    const state = this.state(input, now)
    const touch = this.poke
    if (touch) {
      const since = now - touch.at
      const lasts = touch.kind === 'pat' ? t.patMs : t.pokeMs
      if (since < lasts) {
        const reaction = touch.kind
        if (reaction === 'poke' && since < t.startleMs) return { expression: 'surprised', weight: 1, state, reaction, nextChangeAt: touch.at + t.startleMs }
        return { expression: reaction === 'poke' ? 'happy' : 'relaxed', weight: 1, state, reaction, nextChangeAt: touch.at + lasts }
      }
      this.poke = undefined
    }
    return { ...this.face(input, state, now), state }
  }

  private state(input: MoodInput, now: number): AvatarState {
    if (input.playing) return 'speaking'
    if (input.busy && !input.answering) return 'thinking'
    if (input.typing) return 'listening'
    if (input.link === 'down' || input.link === 'problem') return 'offline'
    if (this.greetUntil !== undefined && now < this.greetUntil) return 'greeting'
    return 'idle'
  }

  private face(input: MoodInput, state: AvatarState, now: number): Omit<Mood, 'state'> {
    const t = this.timing
    const held = this.held.expression
    if (held !== 'neutral') {
      if (this.quietSince === undefined) return { expression: held, weight: 1 }
      const quiet = now - this.quietSince
      if (quiet < t.lingerMs) return { expression: held, weight: 1, nextChangeAt: this.quietSince + t.lingerMs }
      const weight = 1 - (quiet - t.lingerMs) / t.fadeMs
      if (weight > 0) return { expression: held, weight, nextChangeAt: now + STEP_MS }
      this.held = { expression: 'neutral' }
    }
    switch (state) {
      case 'thinking':
        return { expression: 'thinking', weight: 1 }
      case 'offline':
        return input.link === 'problem' ? { expression: 'sad', weight: 0.6 } : { expression: 'sleepy', weight: 1 }
      case 'greeting':
        return { expression: 'happy', weight: 1, nextChangeAt: this.greetUntil }
      default:
        return { expression: 'neutral', weight: 0 }
    }
  }
}
