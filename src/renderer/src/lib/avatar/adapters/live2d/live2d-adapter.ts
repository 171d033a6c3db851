/**
 * The Live2D renderer: pixi.js 8 and untitled-pixi-live2d-engine (both MIT), loaded only when a
 * Live2D character is chosen and its runtime (supplied by the user) is there. Mouth from the
 * lip-sync signal, expressions through the character's emotion map, eyes and head following the
 * pointer, the idle motion group, tap motions on hit areas; breathing from the engine, blinking
 * from the model's motions or, where they do not blink, from Mira.
 */
// pixi.js compiles shaders with `new Function` unless this is loaded first; the CSP forbids eval.
import 'pixi.js/unsafe-eval'
import { Application, extensions } from 'pixi.js'
import type * as Cubism from 'untitled-pixi-live2d-engine/cubism'
import type { AvatarSource } from '../../../../../../shared/avatar/source'
import type { Expression } from '../../emotions'
import { modelExpression } from '../../model-expression'
import { mouthForm } from '../../mouth'
import { fetchModelJson } from '../fetch-model'
import { AvatarLoadError, type AdapterOptions, type AvatarAdapter, type AvatarReadout, type AvatarState } from '../types'
import { checkFilesExist, live2dFiles } from './live2d-check'
import { PARAMS, paramAccess, type ParamAccess, type ParamNames } from './live2d-params'
import { thumbnailOf } from '../thumbnail'
import { Blinker } from './live2d-blink'
import { loadRuntime } from './live2d-runtime'

type Engine = typeof Cubism
type Model = Awaited<ReturnType<Engine['Live2DModel']['from']>>

export async function createAdapter(source: AvatarSource, mount: HTMLElement, options: AdapterOptions): Promise<AvatarAdapter> {
  const url = new URL(source.url ?? '', location.href).href
  const files = live2dFiles(await fetchModelJson(url), url)
  await checkFilesExist(files)
  await loadRuntime(files.cubism, files.cubism === 4 ? options.runtimes?.cubism4 : options.runtimes?.cubism2)
  const engine: Engine = files.cubism === 4 ? await import('untitled-pixi-live2d-engine/cubism') : await import('untitled-pixi-live2d-engine/cubism-legacy')
  registerOnce(engine)
  const app = new Application()
  try {
    await app.init({ backgroundAlpha: 0, preference: 'webgl', autoStart: false, antialias: true, width: Math.max(1, mount.clientWidth), height: Math.max(1, mount.clientHeight), resolution: Math.min(2, devicePixelRatio || 1), autoDensity: true })
  } catch (error) {
    throw new AvatarLoadError('noWebgl', error instanceof Error ? error.message : String(error))
  }
  let model: Model
  try {
    model = await engine.Live2DModel.from(url, { autoUpdate: false, autoFocus: false, autoHitTest: false })
  } catch (error) {
    app.destroy(true)
    throw new AvatarLoadError('badFile', error instanceof Error ? error.message : String(error))
  }
  return new Live2dAdapter(app, model, engine, source, files.cubism, mount)
}

/** Each engine's render pipe is added to pixi once, whatever the number of models shown since. */
const registered = new Set<Engine['Live2DPlugin']>()
function registerOnce(engine: Engine): void {
  if (registered.has(engine.Live2DPlugin)) return
  extensions.add(engine.Live2DPlugin)
  registered.add(engine.Live2DPlugin)
}

class Live2dAdapter implements AvatarAdapter {
  readonly kind = 'live2d' as const
  private mouth = { open: 0, vowel: 0.5 }
  private state: AvatarState = 'idle'
  private expression: Expression = 'neutral'
  private frames = 0
  private drawn: Record<string, number> = {}
  private readonly blinker = new Blinker()
  /** Seconds the frame being drawn advances (the blink needs it inside the engine's update). */
  private dt = 0
  private readonly param: ParamAccess
  private readonly params: ParamNames

  constructor(
    private readonly app: Application,
    private readonly model: Model,
    private readonly engine: Engine,
    private source: AvatarSource,
    cubism: 2 | 4,
    mount: HTMLElement,
  ) {
    this.param = paramAccess(model.internalModel.coreModel, cubism)
    this.params = PARAMS[cubism]
    app.canvas.className = 'avatar-canvas'
    mount.append(app.canvas)
    app.stage.addChild(model)
    model.anchor.set(0.5, 0.5)
    // The mouth is set after the motions, right before the model takes its parameters.
    model.internalModel.on('beforeModelUpdate', () => {
      this.applyMouth()
      this.applyBlink()
      // What the model is drawn with: the engines restore the motions' values right after drawing.
      this.drawn = Object.fromEntries(Object.values(this.params).map((id) => [id, this.param.get(id)]))
    })
    const idle = source.idleMotion ?? 'Idle'
    void model.motion(idle, undefined, engine.MotionPriority.IDLE).catch(() => undefined)
    this.resize(mount.clientWidth, mount.clientHeight)
  }

  private applyMouth(): void {
    this.param.set(this.params.mouthOpen, this.mouth.open)
    if (this.mouth.open > 0) this.param.set(this.params.mouthForm, mouthForm(this.mouth.vowel))
  }

  /** Mira's blink, over the eyes as the motions left them (see live2d-blink.ts). */
  private applyBlink(): void {
    const { eyeL, eyeR } = this.params
    if (!this.param.has(eyeL) || !this.param.has(eyeR)) return
    const left = this.param.get(eyeL)
    const right = this.param.get(eyeR)
    const factor = this.blinker.step(this.dt, Math.min(left, right))
    if (factor === 1) return
    this.param.set(eyeL, left * factor)
    this.param.set(eyeR, right * factor)
  }

  setMouth(open: number, vowel: number): void {
    this.mouth = { open, vowel }
  }

  setExpression(expression: Expression, weight: number): void {
    const shown = weight >= 0.5 ? expression : 'neutral'
    if (shown === this.expression) return
    this.expression = shown
    const own = modelExpression(shown, this.source.emotionMap)
    if (own !== undefined) void this.model.expression(own).catch(() => undefined)
    else this.model.internalModel.motionManager.expressionManager?.resetExpression()
  }

  lookAt(x: number, y: number): void {
    if (!this.source.pointerInteractive) return
    const { width, height } = this.app.screen
    this.model.focus(width / 2 + x * width, height / 2 + y * height)
  }

  setState(state: AvatarState): void {
    this.state = state
  }

  update(dt: number): boolean {
    this.dt = dt
    this.model.update(dt * 1000)
    this.app.render()
    this.frames += 1
    return true
  }

  resize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return
    this.app.renderer.resize(width, height)
    const natural = { width: this.model.width / this.model.scale.x, height: this.model.height / this.model.scale.y }
    const fit = Math.min(width / natural.width, height / natural.height) * 0.95
    this.model.scale.set(fit * this.source.scale)
    this.model.position.set(width / 2 + this.source.offsetX * width, height / 2 + this.source.offsetY * height)
  }

  thumbnail(): Promise<Blob | null> {
    // A model not yet updated has no pose to draw.
    this.model.update(0)
    // The face: the top of the figure, a square as wide as the shoulders (a full figure is tall).
    const bounds = this.model.getBounds()
    const side = Math.max(1, Math.min(bounds.width, bounds.height * 0.4))
    return thumbnailOf(this.app.canvas, () => this.app.render(), { x: bounds.x + bounds.width / 2 - side / 2, y: bounds.y, side })
  }

  configure(source: AvatarSource): void {
    this.source = source
    this.resize(this.app.screen.width, this.app.screen.height)
    // The expression shown, looked up again in the new map.
    const shown = this.expression
    this.expression = 'neutral'
    if (shown !== 'neutral') this.setExpression(shown, 1)
  }

  hitTest(x: number, y: number): boolean {
    return this.model.getBounds().containsPoint(x, y)
  }

  /** A tap on one of the model's hit areas plays the motion group the config names for it (`tapMotions`). */
  tap(x: number, y: number): string | undefined {
    const taps = this.source.tapMotions
    if (!taps) return undefined
    const group = this.model.hitTest(x, y).map((area) => taps[area]).find((g) => g !== undefined)
    if (group) void this.playSome(group)
    return group
  }

  /**
   * One motion of a group, at random. A motion the engine cannot read is skipped (it warns, and
   * never picks it again): another is tried, so a tap is not lost to one bad file.
   */
  private async playSome(group: string): Promise<void> {
    const count = Math.min(20, this.model.internalModel.motionManager.definitions[group]?.length ?? 0)
    for (let i = 0; i < count; i++) {
      if (await this.model.motion(group, undefined, this.engine.MotionPriority.NORMAL).catch(() => false)) return
      if (this.model.internalModel.motionManager.state.currentGroup === group) return
    }
  }

  readout(): AvatarReadout {
    return {
      kind: 'live2d',
      state: this.state,
      expression: this.expression,
      mouth: this.mouth.open,
      // Every parameter Mira drives, by the model's own ids, as the last frame was drawn.
      weights: { ...this.drawn },
      motion: this.model.internalModel.motionManager.state.currentGroup,
      frames: this.frames,
    }
  }

  dispose(): void {
    this.app.destroy(true, { children: true })
  }
}
