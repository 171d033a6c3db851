/**
 * Reading and writing a Live2D model's parameters by their ids, whichever the Cubism generation.
 * Cubism 4's framework takes id handles, not strings (a string names a phantom parameter that
 * draws nothing), so its ids are looked up once by index; Cubism 2's runtime takes the strings.
 */

/** The parameters Mira drives, by Cubism generation. */
export const PARAMS = {
  4: {
    mouthOpen: 'ParamMouthOpenY',
    mouthForm: 'ParamMouthForm',
    eyeL: 'ParamEyeLOpen',
    eyeR: 'ParamEyeROpen',
    eyeBallX: 'ParamEyeBallX',
    eyeBallY: 'ParamEyeBallY',
    angleX: 'ParamAngleX',
    angleY: 'ParamAngleY',
    breath: 'ParamBreath',
  },
  2: {
    mouthOpen: 'PARAM_MOUTH_OPEN_Y',
    mouthForm: 'PARAM_MOUTH_FORM',
    eyeL: 'PARAM_EYE_L_OPEN',
    eyeR: 'PARAM_EYE_R_OPEN',
    eyeBallX: 'PARAM_EYE_BALL_X',
    eyeBallY: 'PARAM_EYE_BALL_Y',
    angleX: 'PARAM_ANGLE_X',
    angleY: 'PARAM_ANGLE_Y',
    breath: 'PARAM_BREATH',
  },
} as const
export type ParamNames = (typeof PARAMS)[2 | 4]

/** The parts of Cubism 4's `CubismModel` used here. */
interface Cubism4Core {
  getParameterCount(): number
  getParameterId(index: number): { getString(): { s: string } }
  getParameterValueByIndex(index: number): number
  setParameterValueByIndex(index: number, value: number): void
}

/** The parts of Cubism 2's `Live2DModelWebGL` used here. */
interface Cubism2Core {
  getParamIndex(id: string): number
  getParamFloat(index: number): number
  setParamFloat(index: number, value: number): void
}

export interface ParamAccess {
  /** Whether the model has the parameter (Cubism 2 cannot tell: always true there). */
  has(id: string): boolean
  get(id: string): number
  set(id: string, value: number): void
}

export function paramAccess(core: unknown, cubism: 2 | 4): ParamAccess {
  if (cubism === 4) {
    const model = core as Cubism4Core
    const index = new Map<string, number>()
    for (let i = 0; i < model.getParameterCount(); i++) index.set(model.getParameterId(i).getString().s, i)
    return {
      has: (id) => index.has(id),
      get: (id) => (index.has(id) ? model.getParameterValueByIndex(index.get(id)!) : 0),
      set: (id, value) => {
        if (index.has(id)) model.setParameterValueByIndex(index.get(id)!, value)
      },
    }
  }
  // The Cubism 2 runtime makes any parameter it is asked for (a harmless, undrawn one when unknown).
  const model = core as Cubism2Core
  return {
    has: () => true,
    get: (id) => model.getParamFloat(model.getParamIndex(id)),
    set: (id, value) => model.setParamFloat(model.getParamIndex(id), value),
  }
}
