export { createDemoBrain, type DemoBrainOptions } from './brain'
