/**
 * The VRM parser on files the tests make (VRM 1.0 and 0.x): both load as humanoids with the five
 * visemes, five emotions and blink, expressions move the morph targets, and broken files are
 * refused with the reason the stage shows.
 */
import type { Mesh } from 'three'
import { describe, expect, it } from 'vitest'
import { glb, makeVrm, type VrmVersion } from '../../../../../../../test/support/vrm-fixture'
import { AvatarLoadError } from '../types'
import { parseVrm } from './vrm-parse'

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer

const problem = async (bytes: Uint8Array): Promise<string> => {
  const error = await parseVrm(buffer(bytes), 'http://x/').then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(AvatarLoadError)
  return (error as AvatarLoadError).code
}

describe.each<VrmVersion>(['1.0', '0.x'])('a generated VRM %s', (version) => {
  it('loads as a humanoid with visemes, emotions and blink', async () => {
    const vrm = await parseVrm(buffer(makeVrm({ version })), 'http://x/')
    expect(vrm.meta.metaVersion).toBe(version === '1.0' ? '1' : '0')
    expect(vrm.humanoid.getNormalizedBoneNode('head')).toBeTruthy()
    const names = vrm.expressionManager?.expressions.map((e) => e.expressionName) ?? []
    for (const name of ['aa', 'ih', 'ou', 'ee', 'oh', 'happy', 'angry', 'sad', 'relaxed', 'blink']) expect(names).toContain(name)
    expect(names).toContain(version === '1.0' ? 'surprised' : 'Surprised')
    // Emotions never silence the mouth, whatever the file says.
    expect(vrm.expressionManager?.getExpression('happy')?.overrideMouth).toBe('none')
  })

  it('moves the face mesh’s morph targets when an expression is set', async () => {
    const vrm = await parseVrm(buffer(makeVrm({ version })), 'http://x/')
    const face = vrm.scene.getObjectByName('Face')
    const meshes: Mesh[] = []
    face?.traverse((node) => {
      if ((node as Mesh).isMesh) meshes.push(node as Mesh)
    })
    expect(meshes.length).toBeGreaterThan(0)
    const influence = (i: number): number => Math.max(...meshes.map((m) => m.morphTargetInfluences?.[i] ?? 0))
    vrm.expressionManager?.setValue('aa', 0.8)
    vrm.expressionManager?.setValue('happy', 1)
    vrm.update(0)
    expect(influence(0)).toBeCloseTo(0.8)
    expect(influence(5)).toBeCloseTo(1)
    expect(influence(10)).toBe(0)
  })

  it('faces the camera (+Z) after loading, 0.x turned round', async () => {
    const vrm = await parseVrm(buffer(makeVrm({ version })), 'http://x/')
    vrm.scene.updateMatrixWorld(true)
    const left = vrm.humanoid.getNormalizedBoneNode('leftUpperArm')?.getWorldPosition(new (await import('three')).Vector3())
    // Facing +Z, the character's left hand is on +X.
    expect(left?.x).toBeGreaterThan(0)
  })
})

describe('broken files', () => {
  it('names what is wrong: not a glTF, cut short, no VRM data', async () => {
    expect(await problem(new TextEncoder().encode('{"not":"a model"}'))).toBe('unknownFormat')
    const whole = makeVrm({ version: '1.0' })
    expect(await problem(whole.slice(0, whole.length / 2))).toBe('badFile')
    expect(await problem(glb({ asset: { version: '2.0' }, scenes: [{ nodes: [] }], scene: 0 }, new Uint8Array()))).toBe('unknownFormat')
  })
})
