/**
 * One interface for every renderer of the character (the built-in drawing, Live2D, VRM): the
 * stage and the speech code talk only to this, so nothing about speech is written per renderer.
 */
import type { AvatarKind, AvatarSource } from '../../../../../shared/avatar/source'
import type { Expression } from '../emotions'

export type { AvatarState } from '../mood'
import type { AvatarState } from '../mood'

/** What a test (through the `?diagnostics=1` hook) or the bench can read back from an adapter. */
export interface AvatarReadout {
  kind: AvatarKind
  state: AvatarState
  expression: Expression
  mouth: number
  /** The renderer's own weights after the last update: VRM expressions, Live2D parameters. */
  weights: Record<string, number>
  /** Frames drawn since the adapter was made. */
  frames: number
  /** Live2D: the motion group playing. */
  motion?: string
}

export interface AvatarAdapter {
  readonly kind: AvatarKind
  /** `open` 0 … 1; `vowel` the voice's shape, 0 round (u, o) … 1 wide (i, e). */
  setMouth(open: number, vowel: number): void
  /** An expression at `weight` 0 … 1 (the adapter eases towards it). */
  setExpression(expression: Expression, weight: number): void
  /** Where to look, -1 … 1 across the stage (x right, y down). */
  lookAt(x: number, y: number): void
  setState(state: AvatarState): void
  /** Advances `dt` seconds and draws; false when nothing moves until the next input. */
  update(dt: number): boolean
  resize(width: number, height: number): void
  /** Whether a point (CSS pixels in the stage element) is on the character. */
  hitTest(x: number, y: number): boolean
  /** A tap at a point (as `hitTest`): plays the model's own reaction there, if it has one; returns its name. */
  tap?(x: number, y: number): string | undefined
  readout(): AvatarReadout
  /** A small picture of the character as it stands now (WebGL characters), for the Character menu. */
  thumbnail?(): Promise<Blob | null>
  /** The same model placed anew (scale, offset) or with another emotion map: applied without loading it again. */
  configure(source: AvatarSource): void
  dispose(): void
}

/** Why a model could not be shown; the stage words it in the reader's language, with what to do. */
export type AvatarProblemCode = 'missingCore' | 'badCore' | 'notFound' | 'badJson' | 'missingTexture' | 'unknownFormat' | 'badFile' | 'noWebgl'

export class AvatarLoadError extends Error {
  override name = 'AvatarLoadError'
  constructor(
    readonly code: AvatarProblemCode,
    readonly detail = '',
  ) {
    super(detail ? `${code}: ${detail}` : code)
  }
}

/** What a WebGL adapter's module exports (each is its own lazily loaded chunk). */
export interface AvatarModule {
  createAdapter(source: AvatarSource, mount: HTMLElement, options: AdapterOptions): Promise<AvatarAdapter>
}

export interface AdapterOptions {
  /** Live2D: where the user's Cubism runtimes are served from (the app's own origin). */
  runtimes?: { cubism4?: string; cubism2?: string }
  reducedMotion?: boolean
}
