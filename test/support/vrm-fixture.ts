/**
 * Makes small but complete VRM files for tests (no model can be downloaded here): a glTF binary
 * with a humanoid skeleton, a head with eyes and a mouth, a body, and morph targets bound as the
 * five visemes, five emotions and blink, carrying either the VRM 1.0 `VRMC_vrm` extension or the
 * VRM 0.x `VRM` one. VRM 0.x models face -Z, so that variant is turned round.
 */
import { zlibSync } from 'fflate'

export type VrmVersion = '1.0' | '0.x'

export const MORPHS = ['aa', 'ih', 'ou', 'ee', 'oh', 'happy', 'angry', 'sad', 'relaxed', 'surprised', 'blink'] as const
type Morph = (typeof MORPHS)[number]
type Part = 'mouth' | 'eye'
type Vec = [number, number, number]

/** How each morph moves a vertex of the mouth or an eye; `top` is the vertex's upper half. */
function displace(morph: Morph, part: Part, top: boolean, x: number): Vec {
  const side = Math.sign(x)
  if (part === 'mouth') {
    const open = { aa: 0.05, ih: 0.015, ou: 0.03, ee: 0.025, oh: 0.04, surprised: 0.03 } as Partial<Record<Morph, number>>
    const widen = { ih: 0.02, ou: -0.025, ee: 0.015, oh: -0.015, happy: 0.03, angry: -0.02 } as Partial<Record<Morph, number>>
    const lift = { happy: 0.012, sad: -0.015 } as Partial<Record<Morph, number>>
    return [side * (widen[morph] ?? 0), (top ? 0 : -(open[morph] ?? 0)) + (lift[morph] ?? 0), 0]
  }
  const close = { blink: 0.04, relaxed: 0.02, angry: 0.015, surprised: -0.015 } as Partial<Record<Morph, number>>
  const squint = { happy: 0.02 } as Partial<Record<Morph, number>>
  return [0, top ? -(close[morph] ?? 0) : (squint[morph] ?? 0), 0]
}

interface Box {
  center: Vec
  size: Vec
  part?: Part
}

const FACES: { normal: Vec; corners: Vec[] }[] = [
  { normal: [0, 0, 1], corners: [[-1, -1, 1], [1, -1, 1], [1, 1, 1], [-1, 1, 1]] },
  { normal: [0, 0, -1], corners: [[1, -1, -1], [-1, -1, -1], [-1, 1, -1], [1, 1, -1]] },
  { normal: [1, 0, 0], corners: [[1, -1, 1], [1, -1, -1], [1, 1, -1], [1, 1, 1]] },
  { normal: [-1, 0, 0], corners: [[-1, -1, -1], [-1, -1, 1], [-1, 1, 1], [-1, 1, -1]] },
  { normal: [0, 1, 0], corners: [[-1, 1, 1], [1, 1, 1], [1, 1, -1], [-1, 1, -1]] },
  { normal: [0, -1, 0], corners: [[-1, -1, -1], [1, -1, -1], [1, -1, 1], [-1, -1, 1]] },
]

interface Geometry {
  positions: number[]
  normals: number[]
  uvs: number[]
  indices: number[]
  targets: number[][]
}

/** Boxes as one primitive; `flip` turns it round the Y axis (VRM 0.x faces -Z). */
function boxes(list: Box[], flip: boolean, morphs: boolean): Geometry {
  const g: Geometry = { positions: [], normals: [], uvs: [], indices: [], targets: MORPHS.map(() => []) }
  const turn = (v: Vec): Vec => (flip ? [-v[0], v[1], -v[2]] : v)
  for (const box of list) {
    for (const face of FACES) {
      const base = g.positions.length / 3
      for (const corner of face.corners) {
        const local: Vec = [box.center[0] + (corner[0] * box.size[0]) / 2, box.center[1] + (corner[1] * box.size[1]) / 2, box.center[2] + (corner[2] * box.size[2]) / 2]
        g.positions.push(...turn(local))
        g.normals.push(...turn(face.normal))
        g.uvs.push(corner[0] > 0 ? 1 : 0, corner[1] > 0 ? 0 : 1)
        MORPHS.forEach((morph, i) => g.targets[i]?.push(...turn(box.part && morphs ? displace(morph, box.part, corner[1] > 0, local[0]) : [0, 0, 0])))
      }
      g.indices.push(base, base + 1, base + 2, base, base + 2, base + 3)
    }
  }
  return g
}

const BONES: [name: string, parent: string | null, at: Vec][] = [
  ['hips', null, [0, 0.9, 0]],
  ['spine', 'hips', [0, 0.1, 0]],
  ['chest', 'spine', [0, 0.15, 0]],
  ['neck', 'chest', [0, 0.2, 0]],
  ['head', 'neck', [0, 0.1, 0]],
  ['leftUpperArm', 'chest', [0.18, 0.17, 0]],
  ['leftLowerArm', 'leftUpperArm', [0.25, 0, 0]],
  ['leftHand', 'leftLowerArm', [0.22, 0, 0]],
  ['rightUpperArm', 'chest', [-0.18, 0.17, 0]],
  ['rightLowerArm', 'rightUpperArm', [-0.25, 0, 0]],
  ['rightHand', 'rightLowerArm', [-0.22, 0, 0]],
  ['leftUpperLeg', 'hips', [0.09, -0.05, 0]],
  ['leftLowerLeg', 'leftUpperLeg', [0, -0.4, 0]],
  ['leftFoot', 'leftLowerLeg', [0, -0.4, 0]],
  ['rightUpperLeg', 'hips', [-0.09, -0.05, 0]],
  ['rightLowerLeg', 'rightUpperLeg', [0, -0.4, 0]],
  ['rightFoot', 'rightLowerLeg', [0, -0.4, 0]],
]

const V0_PRESETS: Record<Morph, string> = { aa: 'a', ih: 'i', ou: 'u', ee: 'e', oh: 'o', happy: 'joy', angry: 'angry', sad: 'sorrow', relaxed: 'fun', surprised: 'unknown', blink: 'blink' }

export interface VrmOptions {
  version: VrmVersion
  name?: string
  /** Leave out every morph target (a model without expressions). */
  noMorphs?: boolean
  /** Give the head a small embedded PNG texture, as real models have (loaders fetch it back from a blob: URL). */
  texture?: boolean
}

/** A `.vrm` file's bytes. */
export function makeVrm(options: VrmOptions): Uint8Array {
  const flip = options.version === '0.x'
  const morphs = !options.noMorphs
  const skin = boxes([{ center: [0, 0.1, 0], size: [0.22, 0.24, 0.22] }], flip, morphs)
  const features = boxes(
    [
      { center: [0, 0.05, 0.115], size: [0.08, 0.012, 0.01], part: 'mouth' },
      { center: [0.05, 0.12, 0.115], size: [0.03, 0.045, 0.01], part: 'eye' },
      { center: [-0.05, 0.12, 0.115], size: [0.03, 0.045, 0.01], part: 'eye' },
    ],
    flip,
    morphs,
  )
  const body = boxes([{ center: [0, 0, 0], size: [0.3, 0.42, 0.18] }], flip, false)

  const chunks: Uint8Array[] = []
  let offset = 0
  const bufferViews: object[] = []
  const accessors: object[] = []
  function view(bytes: Uint8Array, target?: number): number {
    const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4)
    padded.set(bytes)
    chunks.push(padded)
    bufferViews.push({ buffer: 0, byteOffset: offset, byteLength: bytes.length, ...(target ? { target } : {}) })
    offset += padded.length
    return bufferViews.length - 1
  }
  function add(data: number[], kind: 'vec3' | 'vec2' | 'index', min?: boolean): number {
    const bytes = kind === 'index' ? new Uint8Array(new Uint16Array(data).buffer) : new Uint8Array(new Float32Array(data).buffer)
    view(bytes, kind === 'index' ? 34963 : 34962)
    const count = kind === 'index' ? data.length : data.length / (kind === 'vec2' ? 2 : 3)
    const bounds = min ? [0, 1, 2].map((axis) => data.filter((_, i) => i % 3 === axis)) : []
    accessors.push({
      bufferView: bufferViews.length - 1,
      componentType: kind === 'index' ? 5123 : 5126,
      count,
      type: kind === 'index' ? 'SCALAR' : kind === 'vec2' ? 'VEC2' : 'VEC3',
      ...(min ? { min: bounds.map((b) => Math.min(...b)), max: bounds.map((b) => Math.max(...b)) } : {}),
    })
    return accessors.length - 1
  }
  function primitive(g: Geometry, material: number, withTargets: boolean): object {
    return {
      attributes: { POSITION: add(g.positions, 'vec3', true), NORMAL: add(g.normals, 'vec3'), ...(options.texture ? { TEXCOORD_0: add(g.uvs, 'vec2') } : {}) },
      indices: add(g.indices, 'index'),
      material,
      ...(withTargets ? { targets: g.targets.map((t) => ({ POSITION: add(t, 'vec3', true) })) } : {}),
    }
  }
  const color = (r: number, g: number, b: number) => ({ pbrMetallicRoughness: { baseColorFactor: [r, g, b, 1], metallicFactor: 0, roughnessFactor: 0.9 } })
  const textured = options.texture ? { images: [{ bufferView: view(checkerPng(8), undefined), mimeType: 'image/png' }], textures: [{ source: 0 }] } : {}
  const meshes = [
    { name: 'Face', primitives: [primitive(skin, 0, morphs), primitive(features, 1, morphs)], ...(morphs ? { extras: { targetNames: [...MORPHS] } } : {}) },
    { name: 'Body', primitives: [primitive(body, 2, false)] },
  ]
  const nodes: Record<string, unknown>[] = BONES.map(([name, , at]) => ({ name, translation: flip ? [-at[0], at[1], -at[2]] : at, children: [] as number[] }))
  BONES.forEach(([, parent], i) => {
    if (parent) (nodes[BONES.findIndex(([n]) => n === parent)]?.children as number[]).push(i)
  })
  const boneIndex = (name: string): number => BONES.findIndex(([n]) => n === name)
  nodes.push({ name: 'Face', mesh: 0 }, { name: 'Body', mesh: 1, translation: [0, 0.05, 0] })
  ;(nodes[boneIndex('head')]?.children as number[]).push(nodes.length - 2)
  ;(nodes[boneIndex('chest')]?.children as number[]).push(nodes.length - 1)
  for (const node of nodes) if ((node.children as number[] | undefined)?.length === 0) delete node.children
  const faceNode = nodes.length - 2

  const name = options.name ?? `Test ${options.version}`
  const extension =
    options.version === '1.0'
      ? {
          VRMC_vrm: {
            specVersion: '1.0',
            meta: { name, version: '1', authors: ['Mira tests'], licenseUrl: 'https://vrm.dev/licenses/1.0/', avatarPermission: 'everyone', commercialUsage: 'corporation', allowRedistribution: true },
            humanoid: { humanBones: Object.fromEntries(BONES.map(([bone], i) => [bone, { node: i }])) },
            expressions: {
              preset: morphs
                ? Object.fromEntries(
                    MORPHS.map((morph, index) => [morph, { morphTargetBinds: [{ node: faceNode, index, weight: 1 }], overrideMouth: ['happy', 'surprised'].includes(morph) ? 'block' : 'none' }]),
                  )
                : {},
            },
          },
        }
      : {
          VRM: {
            specVersion: '0.0',
            exporterVersion: 'mira-tests',
            meta: { title: name, version: '1', author: 'Mira tests', allowedUserName: 'Everyone', licenseName: 'CC0' },
            humanoid: { humanBones: BONES.map(([bone], i) => ({ bone, node: i, useDefaultValues: true })) },
            blendShapeMaster: {
              blendShapeGroups: morphs
                ? MORPHS.map((morph, index) => ({ name: morph === 'surprised' ? 'Surprised' : morph, presetName: V0_PRESETS[morph], binds: [{ mesh: 0, index, weight: 100 }], materialValues: [] }))
                : [],
            },
            firstPerson: { firstPersonBone: boneIndex('head'), firstPersonBoneOffset: { x: 0, y: 0.06, z: 0 },
              meshAnnotations: [],
              lookAtTypeName: 'BlendShape',
              ...Object.fromEntries(['lookAtHorizontalInner', 'lookAtHorizontalOuter', 'lookAtVerticalDown', 'lookAtVerticalUp'].map((k) => [k, { curve: [0, 0, 0, 1, 1, 1, 1, 0], xRange: 90, yRange: 1 }])),
            },
            secondaryAnimation: { boneGroups: [], colliderGroups: [] },
            materialProperties: [],
          },
        }
  const json = {
    asset: { version: '2.0', generator: 'Mira test VRM' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [...nodes],
    meshes,
    materials: [
      options.texture ? { pbrMetallicRoughness: { baseColorTexture: { index: 0 }, metallicFactor: 0, roughnessFactor: 0.9 } } : color(1, 0.86, 0.8),
      color(0.2, 0.12, 0.25),
      color(0.45, 0.4, 0.85),
    ],
    ...textured,
    accessors,
    bufferViews,
    buffers: [{ byteLength: offset }],
    extensionsUsed: Object.keys(extension),
    extensions: extension,
  }
  // Root nodes other than the skeleton: none (the meshes hang from the head and the chest).
  return glb(json, concat(chunks))
}

/** A `size` × `size` PNG, a skin-coloured checkerboard (RGB, no filter). */
export function checkerPng(size: number): Uint8Array {
  const rows: number[] = []
  for (let y = 0; y < size; y++) {
    rows.push(0)
    for (let x = 0; x < size; x++) rows.push(...((x + y) % 2 ? [255, 220, 205] : [240, 190, 175]))
  }
  const header = new Uint8Array(13)
  const dv = new DataView(header.buffer)
  dv.setUint32(0, size)
  dv.setUint32(4, size)
  header.set([8, 2, 0, 0, 0], 8)
  return concat([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', zlibSync(Uint8Array.from(rows))), pngChunk('IEND', new Uint8Array())])
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([new TextEncoder().encode(type), data])
  const out = new Uint8Array(12 + data.length)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, data.length)
  out.set(body, 4)
  dv.setUint32(8 + data.length, crc32(body))
  return out
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return ~crc >>> 0
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** The glTF binary container: a 12-byte header, a JSON chunk padded with spaces, a BIN chunk. */
export function glb(json: unknown, bin: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(json))
  const jsonLength = Math.ceil(text.length / 4) * 4
  const jsonChunk = new Uint8Array(jsonLength).fill(0x20)
  jsonChunk.set(text)
  const binLength = Math.ceil(bin.length / 4) * 4
  const total = 12 + 8 + jsonLength + 8 + binLength
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x46546c67, true)
  view.setUint32(4, 2, true)
  view.setUint32(8, total, true)
  view.setUint32(12, jsonLength, true)
  view.setUint32(16, 0x4e4f534a, true)
  out.set(jsonChunk, 20)
  view.setUint32(20 + jsonLength, binLength, true)
  view.setUint32(24 + jsonLength, 0x004e4942, true)
  out.set(bin, 28 + jsonLength)
  return out
}
