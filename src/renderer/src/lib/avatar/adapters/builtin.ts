/**
 * The built-in drawing (MiraAvatar.vue) behind the adapter interface. The drawing animates itself
 * in its own frame loop (use-avatar-motion.ts) from the inputs kept here, so `update` has nothing
 * to draw; the adapter is what the stage and the speech code feed.
 */
import { shallowRef, type ShallowRef } from 'vue'
import type { Expression } from '../emotions'
import type { Mood } from '../mood'
import { Signal } from '../../speech/signal'
import type { AvatarAdapter, AvatarReadout, AvatarState } from './types'

export interface BuiltinInputs {
  /** Expression, weight and state as the adapter was told, plus the reaction the drawing bounces to. */
  mood: ShallowRef<Mood>
  mouth: Signal<{ open: number; spread: number }>
}

export class BuiltinAdapter implements AvatarAdapter {
  readonly kind = 'builtin' as const
  readonly inputs: BuiltinInputs = {
    mood: shallowRef<Mood>({ expression: 'neutral', weight: 0, state: 'idle' }),
    mouth: new Signal({ open: 0, spread: 0.5 }),
  }
  private box = { width: 1, height: 1 }

  setMouth(open: number, vowel: number): void {
    const now = this.inputs.mouth.value
    if (now.open !== open || now.spread !== vowel) this.inputs.mouth.set({ open, spread: vowel })
  }

  setExpression(expression: Expression, weight: number): void {
    const mood = this.inputs.mood.value
    // The drawing blends from neutral over the weight itself.
    if (mood.expression !== expression || mood.weight !== weight) this.inputs.mood.value = { ...mood, expression, weight }
  }

  /** A poke or a pat being reacted to: the drawing bounces or squashes (the others have no such pose yet). */
  setReaction(reaction: Mood['reaction']): void {
    const mood = this.inputs.mood.value
    if (mood.reaction === reaction) return
    const { reaction: _gone, ...calm } = mood
    this.inputs.mood.value = reaction ? { ...calm, reaction } : calm
  }

  /** The drawing follows the pointer by itself. */
  lookAt(): void {}

  setState(state: AvatarState): void {
    if (this.inputs.mood.value.state !== state) this.inputs.mood.value = { ...this.inputs.mood.value, state }
  }

  update(): boolean {
    return false
  }

  resize(width: number, height: number): void {
    this.box = { width: Math.max(1, width), height: Math.max(1, height) }
  }

  /** The round body: an ellipse around the middle of the square drawing (see MiraAvatar's 400 × 400 view box). */
  hitTest(x: number, y: number): boolean {
    const side = Math.min(this.box.width, this.box.height)
    const left = (this.box.width - side) / 2
    const top = (this.box.height - side) / 2
    const u = ((x - left) / side) * 400
    const v = ((y - top) / side) * 400
    return ((u - 200) / 140) ** 2 + ((v - 225) / 135) ** 2 <= 1
  }

  readout(): AvatarReadout {
    return {
      kind: 'builtin',
      state: this.inputs.mood.value.state,
      expression: this.inputs.mood.value.weight > 0 ? this.inputs.mood.value.expression : 'neutral',
      mouth: this.inputs.mouth.value.open,
      weights: {},
      frames: 0,
    }
  }

  /** The drawing is placed by the stage's layout, and knows its own expressions. */
  configure(): void {}

  dispose(): void {}
}
