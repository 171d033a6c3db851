/**
 * Brings the built-in avatar to life in one frame loop (RenderLoop), outside Vue's
 * reactivity: breathing and floating, blinking, eyes following the pointer, the expression
 * (at its weight) blending from face to face, the mouth following the lip-sync signal, and a
 * pose per state (a greeting hop, a listening lean, an offline droop) and per touch (a squash
 * at a poke, a nuzzle at a pat). Everything is written straight to SVG attributes of the parts
 * marked `data-part` in MiraAvatar.vue.
 * With `prefers-reduced-motion`, the body keeps still and expressions change without easing;
 * blinking and the talking mouth stay (they carry meaning, not motion).
 * While it only idles (no voice, no touch, no pointer moving) it draws at the idle pace, and an
 * attribute is written only when its value changes: an idle avatar otherwise kept the page's
 * style, layout and paint busy 60 times a second.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { brow, EYES, FACES, lowerLid, mixFace, MOUTH, mouthPath, upperLid, type Face } from '../lib/avatar/face'
import type { Mood } from '../lib/avatar/mood'
import { IDLE_FRAME_MS, RenderLoop } from '../lib/avatar/render-loop'
import type { Signal } from '../lib/speech/signal'
import type { MouthShape } from './lip-sync'

export type { AvatarState } from '../lib/avatar/mood'

export interface AvatarMotionInput {
  mood: () => Mood
  mouth: Signal<MouthShape>
}

/** Time constant of expression changes (ms): faces blend over about a second, never snap. */
const EASE_MS = 260
/** Time constant of poses (lean, droop, hop height). */
const POSE_MS = 300
const SIDES = ['L', 'R'] as const
/** The gaze follows a moving pointer at the display's pace for this long after it last moved (ms). */
const POINTER_BRISK_MS = 1000

type Parts = Record<string, SVGElement | undefined>

export function useAvatarMotion(root: Ref<SVGSVGElement | undefined>, input: AvatarMotionInput): void {
  let parts: Parts = {}
  const written = new Map<string, string>()
  let face: Face = { ...FACES.neutral }
  let pointer: { x: number; y: number } | undefined
  let pointerAt = -Infinity
  const gaze = { x: 0, y: 0 }
  let nextBlink = 0
  let blinkStart = -1
  /** Poses eased towards their state's values: 1 listening lean, 1 offline droop, 1 greeting. */
  const pose = { lean: 0, droop: 0, greet: 0 }
  let reactionStart = -1
  let lastReaction: Mood['reaction']
  const reduced = matchMedia('(prefers-reduced-motion: reduce)')

  const set = (name: string, attr: string, value: string): void => {
    const key = `${name} ${attr}`
    if (written.get(key) === value) return
    written.set(key, value)
    parts[name]?.setAttribute(attr, value)
  }
  const calm = (): boolean => {
    const mood = input.mood()
    return mood.state === 'idle' && !mood.reaction && input.mouth.value.open === 0 && performance.now() - pointerAt > POINTER_BRISK_MS
  }
  const loop = new RenderLoop(
    (dt) => {
      tick(performance.now(), dt * 1000)
      return true
    },
    () => (calm() ? IDLE_FRAME_MS : 0),
  )
  // The voice starting: talk from the next display frame, not the idle pace's.
  const stopWaking = input.mouth.subscribe(() => loop.wake())

  function onPointer(event: PointerEvent): void {
    pointer = { x: event.clientX, y: event.clientY }
    pointerAt = performance.now()
    loop.wake()
  }

  function blinkAmount(now: number): number {
    if (blinkStart < 0 && now >= nextBlink) blinkStart = now
    if (blinkStart < 0) return 0
    const t = (now - blinkStart) / 150
    if (t >= 1) {
      blinkStart = -1
      // Now and then a double blink; otherwise every 2.5–6 s, like people do.
      nextBlink = now + (Math.random() < 0.15 ? 180 : 2500 + Math.random() * 3500)
      return 0
    }
    return Math.sin(t * Math.PI)
  }

  function targetGaze(now: number): { x: number; y: number } {
    const svg = root.value
    if (!svg || !pointer || now - pointerAt > 5000) {
      // Nobody moved the pointer for a while: a slow look around.
      return { x: Math.sin(now / 2300) * 0.35, y: Math.sin(now / 3700) * 0.2 }
    }
    const box = svg.getBoundingClientRect()
    const x = (pointer.x - (box.left + box.width / 2)) / Math.max(200, box.width)
    const y = (pointer.y - (box.top + box.height * 0.55)) / Math.max(200, box.height)
    return { x: Math.max(-1, Math.min(1, x * 2)), y: Math.max(-1, Math.min(1, y * 2)) }
  }

  /** One frame at `now`, `dt` ms after the last (the loop keeps a long gap to 100 ms). */
  function tick(now: number, dt: number): void {
    const still = reduced.matches
    const mood = input.mood()
    const state = mood.state
    const target = mixFace(FACES.neutral, FACES[mood.expression], mood.weight)
    face = still ? target : mixFace(face, target, 1 - Math.exp(-dt / EASE_MS))
    const kp = still ? 1 : 1 - Math.exp(-dt / POSE_MS)
    pose.lean += ((state === 'listening' ? 1 : 0) - pose.lean) * kp
    pose.droop += ((state === 'offline' ? 1 : 0) - pose.droop) * kp
    pose.greet += ((state === 'greeting' ? 1 : 0) - pose.greet) * kp
    if (mood.reaction !== lastReaction) reactionStart = mood.reaction ? now : -1
    lastReaction = mood.reaction

    // Gaze: the pointer, unless the expression looks somewhere on purpose (thinking looks up).
    const want = targetGaze(now)
    const gx = want.x + (face.gazeX - want.x) * face.gazeHold
    const gy = want.y + (face.gazeY - want.y) * face.gazeHold
    const k = still ? 1 : 1 - Math.exp(-dt / 90)
    gaze.x += (gx - gaze.x) * k
    gaze.y += (gy - gaze.y) * k

    const listening = pose.lean
    const open = Math.max(0, face.eyeOpen + listening * 0.08) * (1 - blinkAmount(now))
    for (const side of SIDES) {
      const eye = EYES[side]
      const lid = upperLid(eye, open, face.lidTilt)
      set(`lid-${side}`, 'd', lid.fill)
      set(`lid-edge-${side}`, 'd', lid.edge)
      set(`lower-${side}`, 'd', lowerLid(eye, face.eyeSmile))
      set(`iris-${side}`, 'transform', `translate(${(gaze.x * 5).toFixed(2)} ${(gaze.y * 4).toFixed(2)})`)
      const widen = Math.max(1, face.eyeOpen)
      set(`eye-${side}`, 'transform', `translate(${eye.cx} ${eye.cy}) scale(${widen.toFixed(3)}) translate(${-eye.cx} ${-eye.cy})`)
      const lift = (side === 'L' ? face.browLiftL : face.browLiftR) + listening * 0.3
      set(`brow-${side}`, 'd', brow(eye, lift, face.browTilt))
    }

    const voice = input.mouth.value
    const mouth = mouthPath(MOUTH, face, voice.open, voice.spread)
    set('mouth', 'd', mouth.outline)
    set('mouth-clip', 'd', mouth.outline)
    set('tongue', 'cy', mouth.tongueY.toFixed(1))
    set('cheeks', 'opacity', face.blush.toFixed(2))
    // The voice's openness (not the expression's resting "o"): what tests and adapters check.
    const opened = voice.open.toFixed(2)
    if (root.value?.getAttribute('data-mouth') !== opened) root.value?.setAttribute('data-mouth', opened)

    const t = now / 1000
    // Offline, breathing slows and the float sinks: a drowsy, waiting figure.
    const pace = 1 - pose.droop * 0.45
    const breath = still ? 0 : Math.sin(t * 1.6 * pace)
    const hop = still ? 0 : pose.greet * Math.abs(Math.sin(t * 5.5)) * 14
    const float = still ? 0 : Math.sin(t * 0.9 * pace) * 5 * (1 - pose.droop * 0.6) + pose.droop * 10 - hop
    const talk = state === 'speaking' && !still ? voice.open * 6 : 0
    set('float', 'transform', `translate(0 ${(float - talk).toFixed(2)})`)
    set('shadow', 'transform', `translate(200 372) scale(${(1 - float / 60).toFixed(3)} 1)`)
    // A poke squashes the body and lets it spring back; a pat presses it gently.
    const since = reactionStart < 0 || still ? -1 : now - reactionStart
    const squash = since < 0 ? 0 : lastReaction === 'poke' ? Math.exp(-since / 180) * Math.cos(since / 55) * 0.07 : 0.025
    const sx = 1 + breath * 0.008 + squash + listening * 0.015
    const sy = 1 - breath * 0.012 - squash + listening * 0.015
    set('body', 'transform', `translate(200 352) scale(${sx.toFixed(4)} ${sy.toFixed(4)}) translate(-200 -352)`)
    const nuzzle = lastReaction === 'pat' && !still ? Math.sin(t * 6) * 4 : 0
    const tilt = still ? 0 : listening * -6 + gaze.x * 2 + pose.greet * Math.sin(t * 3) * 5 + pose.droop * 4 + nuzzle
    set('head', 'transform', `rotate(${tilt.toFixed(2)} 200 300)`)
    set('face', 'transform', `translate(${(gaze.x * 5).toFixed(2)} ${(gaze.y * 3 + pose.droop * 3).toFixed(2)})`)
    const sway = still ? 0 : Math.sin(t * 1.3 * pace) * 5 + talk * 1.5 + pose.greet * Math.sin(t * 6) * 10 + pose.droop * 16
    set('sprout', 'transform', `rotate(${sway.toFixed(2)} 200 96)`)
  }

  onMounted(() => {
    const svg = root.value
    if (!svg) return
    parts = Object.fromEntries([...svg.querySelectorAll<SVGElement>('[data-part]')].map((el) => [el.dataset.part ?? '', el]))
    window.addEventListener('pointermove', onPointer, { passive: true })
    nextBlink = performance.now() + 1500
    loop.wake()
  })

  onBeforeUnmount(() => {
    loop.dispose()
    stopWaking()
    window.removeEventListener('pointermove', onPointer)
  })
}
