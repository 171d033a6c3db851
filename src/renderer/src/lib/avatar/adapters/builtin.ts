/**
 * The built-in drawing (MiraAvatar.vue) behind the adapter interface. The drawing animates itself
 * in its own frame loop (use-avatar-motion.ts) from the inputs kept here, so `update` has nothing
 * to draw; the adapter is what the stage and the speech code feed.
 */
import { shallowRef, type ShallowRef } from 'vue'
import type { Expression } from '../emotions'
import { Signal } from '../../speech/signal'
import type { AvatarAdapter, AvatarReadout, AvatarState } from './types'

export interface BuiltinInputs {
  expression: ShallowRef<Expression>
  state: ShallowRef<AvatarState>
  mouth: Signal<{ open: number; spread: number }>
}

export class BuiltinAdapter implements AvatarAdapter {
  readonly kind = 'builtin' as const
  readonly inputs: BuiltinInputs = {
    expression: shallowRef<Expression>('neutral'),
    state: shallowRef<AvatarState>('idle'),
    mouth: new Signal({ open: 0, spread: 0.5 }),
  }
  private box = { width: 1, height: 1 }

  setMouth(open: number, vowel: number): void {
    const now = this.inputs.mouth.value
    if (now.open !== open || now.spread !== vowel) this.inputs.mouth.set({ open, spread: vowel })
  }

  setExpression(expression: Expression, weight: number): void {
    // The drawing blends faces itself; a faint expression is not one it shows.
    this.inputs.expression.value = weight >= 0.5 ? expression : 'neutral'
  }

  /** The drawing follows the pointer by itself. */
  lookAt(): void {}

  setState(state: AvatarState): void {
    this.inputs.state.value = state
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
      state: this.inputs.state.value,
      expression: this.inputs.expression.value,
      mouth: this.inputs.mouth.value.open,
      weights: {},
      frames: 0,
    }
  }

  dispose(): void {}
}
