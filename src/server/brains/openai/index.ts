export { createOpenAiBrain } from './brain'
export { parseOpenAiOptions, type OpenAiBrainOptions } from './options'
