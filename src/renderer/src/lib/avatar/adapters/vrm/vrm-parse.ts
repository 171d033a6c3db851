/**
 * A `.vrm` file (glTF binary with the VRM 0.x `VRM` or 1.0 `VRMC_vrm` extension) → a three-vrm
 * `VRM`, ready to animate: VRM 0.x turned to face the camera like 1.0, and emotion expressions
 * that never silence the mouth (a happy face still speaks).
 */
import type { Object3D } from 'three'
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js'
import { VRMLoaderPlugin, VRMUtils, type VRM } from '@pixiv/three-vrm'
import { AvatarLoadError } from '../types'

const GLB_MAGIC = 0x46546c67 // 'glTF'

/** Throws `unknownFormat` unless the bytes start as a glTF 2 binary. */
export function checkGlb(bytes: ArrayBuffer): void {
  const view = new DataView(bytes)
  if (bytes.byteLength < 20 || view.getUint32(0, true) !== GLB_MAGIC) throw new AvatarLoadError('unknownFormat', 'not a glTF binary (.vrm)')
  if (view.getUint32(4, true) !== 2) throw new AvatarLoadError('unknownFormat', `glTF version ${view.getUint32(4, true)}`)
  if (view.getUint32(8, true) > bytes.byteLength) throw new AvatarLoadError('badFile', 'the file is cut short')
}

const EMOTIONS = ['happy', 'angry', 'sad', 'relaxed', 'surprised'] as const

export async function parseVrm(bytes: ArrayBuffer, baseUrl: string): Promise<VRM> {
  checkGlb(bytes)
  const loader = new GLTFLoader()
  loader.register((parser) => new VRMLoaderPlugin(parser))
  let vrm: VRM | undefined
  try {
    const gltf = await loader.parseAsync(bytes, baseUrl)
    vrm = gltf.userData.vrm as VRM | undefined
  } catch (error) {
    throw new AvatarLoadError('badFile', error instanceof Error ? error.message : String(error))
  }
  if (!vrm) throw new AvatarLoadError('unknownFormat', 'a glTF model without VRM data')
  VRMUtils.rotateVRM0(vrm)
  VRMUtils.removeUnnecessaryVertices(vrm.scene)
  vrm.scene.traverse((node: Object3D) => (node.frustumCulled = false))
  for (const name of EMOTIONS) {
    const expression = vrm.expressionManager?.getExpression(name)
    if (expression) expression.overrideMouth = 'none'
  }
  return vrm
}
