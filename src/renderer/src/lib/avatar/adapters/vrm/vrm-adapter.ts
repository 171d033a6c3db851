/**
 * The VRM renderer (three.js + @pixiv/three-vrm, both MIT), loaded only when a VRM character is
 * chosen: visemes from the lip-sync signal, expressions, look-at, blinking, a gentle idle.
 */
import { Box3, DirectionalLight, HemisphereLight, Object3D, PerspectiveCamera, Raycaster, Scene, SRGBColorSpace, Vector2, Vector3, WebGLRenderer } from 'three'
import { VRMUtils, type VRM } from '@pixiv/three-vrm'
import type { AvatarSource } from '../../../../../../shared/avatar/source'
import type { Expression } from '../../emotions'
import { modelExpression } from '../../model-expression'
import { VISEMES, visemeWeights } from '../../mouth'
import { fetchModelBytes } from '../fetch-model'
import { AvatarLoadError, type AdapterOptions, type AvatarAdapter, type AvatarReadout, type AvatarState } from '../types'
import { parseVrm } from './vrm-parse'
import { Blinker, idleMotion, restPose } from './vrm-motion'
import { thumbnailOf } from '../thumbnail'

const EMOTIONS = ['happy', 'angry', 'sad', 'relaxed', 'surprised'] as const
/** How fast faces and the mouth follow their targets (1/s). */
const FACE_RATE = 10
const MOUTH_RATE = 30

/** Eases `from` towards `to`; within a hair of it, lands exactly (a closed mouth is closed). */
function approach(from: number, to: number, rate: number, dt: number): number {
  const next = from + (to - from) * (1 - Math.exp(-rate * dt))
  return Math.abs(next - to) < 0.002 ? to : next
}

export async function createAdapter(source: AvatarSource, mount: HTMLElement, options: AdapterOptions): Promise<AvatarAdapter> {
  const url = source.url ?? ''
  const vrm = await parseVrm(await fetchModelBytes(url), new URL('.', new URL(url, location.href)).href)
  let renderer: WebGLRenderer
  try {
    renderer = new WebGLRenderer({ alpha: true, antialias: true, powerPreference: 'low-power' })
  } catch (error) {
    throw new AvatarLoadError('noWebgl', error instanceof Error ? error.message : String(error))
  }
  return new VrmAdapter(vrm, renderer, source, mount, options.reducedMotion ?? false)
}

class VrmAdapter implements AvatarAdapter {
  readonly kind = 'vrm' as const
  private readonly scene = new Scene()
  private readonly camera = new PerspectiveCamera(24, 1, 0.05, 50)
  private readonly lookTarget = new Object3D()
  private readonly blinker = new Blinker()
  private readonly names: Partial<Record<Expression, string>> = {}
  /** Every expression of the model an emotion was ever mapped to: one mapped away eases back to rest. */
  private readonly driven = new Set<string>()
  private readonly weights: Record<string, number> = {}
  private mouth = { open: 0, vowel: 0.5 }
  /** The expression shown, the weight it eases to, and how far it got (0 … 1). */
  private face: { expression: Expression; target: number; weight: number } = { expression: 'neutral', target: 0, weight: 0 }
  private look = { x: 0, y: 0 }
  private gaze = { x: 0, y: 0 }
  private state: AvatarState = 'idle'
  private time = 0
  private frames = 0
  private head = new Vector3(0, 1.4, 0)

  constructor(
    private readonly vrm: VRM,
    private readonly renderer: WebGLRenderer,
    private source: AvatarSource,
    private readonly mount: HTMLElement,
    private readonly still: boolean,
  ) {
    renderer.outputColorSpace = SRGBColorSpace
    renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1))
    renderer.domElement.className = 'avatar-canvas'
    mount.append(renderer.domElement)
    this.scene.add(new HemisphereLight(0xffffff, 0x8a84b0, 2.2))
    const key = new DirectionalLight(0xffffff, 1.6)
    key.position.set(0.6, 1.6, 2)
    this.scene.add(key, vrm.scene, this.lookTarget)
    if (vrm.lookAt) vrm.lookAt.target = this.lookTarget
    restPose(vrm)
    vrm.update(0)
    this.frame()
    this.mapExpressions()
    this.resize(mount.clientWidth, mount.clientHeight)
  }

  /**
   * Each built-in expression → the model's: the emotion map's name, else the preset (or a custom
   * expression of that name, as VRM 0.x has "Surprised"), matched without case.
   */
  private mapExpressions(): void {
    const names = this.vrm.expressionManager?.expressions.map((e) => e.expressionName) ?? []
    const find = (wanted: string): string | undefined => names.find((name) => name.toLowerCase() === wanted.toLowerCase())
    for (const expression of [...EMOTIONS, 'thinking'] as Expression[]) {
      const own = modelExpression(expression, this.source.emotionMap)
      const name = (typeof own === 'string' ? find(own) : undefined) ?? find(expression)
      if (name) this.names[expression] = name
      else delete this.names[expression]
      if (name) this.driven.add(name)
    }
  }

  thumbnail(): Promise<Blob | null> {
    return thumbnailOf(this.renderer.domElement, () => this.renderer.render(this.scene, this.camera))
  }

  configure(source: AvatarSource): void {
    this.source = source
    this.mapExpressions()
    this.place()
  }

  /** Head and shoulders: the camera aims just below the head, scaled and shifted as the source says. */
  private frame(): void {
    const head = this.vrm.humanoid.getNormalizedBoneNode('head')
    if (head) head.getWorldPosition(this.head)
    else new Box3().setFromObject(this.vrm.scene).getCenter(this.head)
  }

  private place(): void {
    const aspect = this.camera.aspect
    const height = 0.62 / this.source.scale
    const distance = height / 2 / Math.tan((this.camera.fov * Math.PI) / 360)
    const x = this.head.x - this.source.offsetX * height * aspect
    const y = this.head.y - 0.04 + this.source.offsetY * height
    this.camera.position.set(x, y, this.head.z + distance)
    this.camera.lookAt(x, y, this.head.z)
    this.camera.updateProjectionMatrix()
  }

  setMouth(open: number, vowel: number): void {
    this.mouth = { open, vowel }
  }

  setExpression(expression: Expression, weight: number): void {
    if (expression === this.face.expression && weight === this.face.target) return
    this.face = { expression, target: Math.max(0, Math.min(1, weight)), weight: 0 }
  }

  lookAt(x: number, y: number): void {
    if (!this.source.pointerInteractive) return
    this.look = { x: Math.max(-1, Math.min(1, x)), y: Math.max(-1, Math.min(1, y)) }
  }

  setState(state: AvatarState): void {
    this.state = state
  }

  update(dt: number): boolean {
    this.time += dt
    const manager = this.vrm.expressionManager
    this.face.weight = approach(this.face.weight, 1, FACE_RATE, dt)
    // By the model's expression: two emotions mapped onto one must not undo each other.
    const targets = new Map<string, number>([...this.driven].map((name) => [name, 0]))
    for (const emotion of [...EMOTIONS, 'thinking'] as Expression[]) {
      const name = this.names[emotion]
      if (name) targets.set(name, Math.max(targets.get(name) ?? 0, emotion === this.face.expression ? this.face.target : 0))
    }
    for (const [name, target] of targets) manager?.setValue(name, approach(manager.getValue(name) ?? 0, target, FACE_RATE, dt))
    const visemes = visemeWeights(this.mouth.open, this.mouth.vowel)
    for (const viseme of VISEMES) manager?.setValue(viseme, approach(manager.getValue(viseme) ?? 0, visemes[viseme], MOUTH_RATE, dt))
    manager?.setValue('blink', this.blinker.step(dt))
    this.gaze.x = approach(this.gaze.x, this.look.x, 6, dt)
    this.gaze.y = approach(this.gaze.y, this.look.y, 6, dt)
    this.lookTarget.position.set(this.head.x + this.gaze.x * 0.6, this.head.y - this.gaze.y * 0.4, this.head.z + 1)
    idleMotion(this.vrm, this.still ? 0 : this.time, this.state === 'speaking' ? this.mouth.open : 0, this.gaze)
    this.vrm.update(dt)
    this.renderer.render(this.scene, this.camera)
    this.frames += 1
    for (const name of [...VISEMES, 'blink']) this.weights[name] = manager?.getValue(name) ?? 0
    for (const emotion of EMOTIONS) this.weights[emotion] = manager?.getValue(this.names[emotion] ?? emotion) ?? 0
    // And each of the model's own expressions by its name (an emotion map's effect shows there).
    for (const name of targets.keys()) this.weights[`model:${name}`] = manager?.getValue(name) ?? 0
    // Blinks and breathing never stop; with reduced motion only the face and mouth settle.
    return !this.still || this.mouth.open > 0 || this.face.weight < 0.99
  }

  resize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return
    this.renderer.setSize(width, height, false)
    this.camera.aspect = width / height
    this.place()
  }

  hitTest(x: number, y: number): boolean {
    const box = this.mount.getBoundingClientRect()
    const ndc = new Vector2((x / box.width) * 2 - 1, -(y / box.height) * 2 + 1)
    const ray = new Raycaster()
    ray.setFromCamera(ndc, this.camera)
    return ray.intersectObject(this.vrm.scene, true).length > 0
  }

  readout(): AvatarReadout {
    return { kind: 'vrm', state: this.state, expression: this.face.expression, mouth: this.mouth.open, weights: { ...this.weights }, frames: this.frames }
  }

  dispose(): void {
    this.scene.remove(this.vrm.scene)
    VRMUtils.deepDispose(this.vrm.scene)
    this.renderer.dispose()
    this.renderer.domElement.remove()
  }
}
