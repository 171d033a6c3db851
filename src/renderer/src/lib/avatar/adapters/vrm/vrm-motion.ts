/**
 * The small motions that keep a VRM character alive without any animation file: blinking at
 * human intervals, breathing, a slow sway, arms resting at the sides instead of the T-pose.
 * Applied to three-vrm's normalized bones, so VRM 0.x and 1.0 move alike.
 */
import type { VRM, VRMHumanBoneName } from '@pixiv/three-vrm'

export class Blinker {
  private next = 1.5
  private at = -1

  /** The blink weight (0 open … 1 shut) `dt` seconds on. */
  step(dt: number, random: () => number = Math.random): number {
    this.next -= dt
    if (this.at < 0 && this.next <= 0) this.at = 0
    if (this.at < 0) return 0
    this.at += dt
    const t = this.at / 0.16
    if (t >= 1) {
      this.at = -1
      // Now and then a double blink; otherwise every 2.5–6 s.
      this.next = random() < 0.15 ? 0.2 : 2.5 + random() * 3.5
      return 0
    }
    return Math.sin(t * Math.PI)
  }
}

const bone = (vrm: VRM, name: VRMHumanBoneName) => vrm.humanoid.getNormalizedBoneNode(name)

/** Arms down along the body (about 70° from the T-pose), elbows a little bent. */
export function restPose(vrm: VRM): void {
  const left = bone(vrm, 'leftUpperArm')
  const right = bone(vrm, 'rightUpperArm')
  if (left) left.rotation.z = -1.2
  if (right) right.rotation.z = 1.2
  const leftLower = bone(vrm, 'leftLowerArm')
  const rightLower = bone(vrm, 'rightLowerArm')
  if (leftLower) leftLower.rotation.z = -0.15
  if (rightLower) rightLower.rotation.z = 0.15
}

/** Breathing and a slow sway at time `t` (seconds); `talk` 0 … 1 nods the head with the voice. */
export function idleMotion(vrm: VRM, t: number, talk: number, look: { x: number; y: number }): void {
  const breath = Math.sin(t * 1.7)
  const chest = bone(vrm, 'chest') ?? bone(vrm, 'spine')
  if (chest) chest.rotation.x = breath * 0.015
  const spine = bone(vrm, 'spine')
  if (spine) spine.rotation.z = Math.sin(t * 0.6) * 0.02
  const neck = bone(vrm, 'neck')
  if (neck) {
    neck.rotation.y = look.x * 0.25
    neck.rotation.x = look.y * 0.15 + talk * 0.04
    neck.rotation.z = Math.sin(t * 0.8) * 0.03
  }
}
