export * from './codes'
export * from './frames'
export * from './parse'
export * from './limits'
