export * from './emotion-tags'
export * from './sentence-chunker'
export * from './speakable'
