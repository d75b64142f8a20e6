/** The Img Open simulator: a local stand-in for the service (tests, `npm run sim`, the demo profile). */
export {
  startSimulator,
  type RequestRecord,
  type Simulator,
  type SimulatorOptions,
  type SimTaskView,
} from './simulator'
export type { CallbackRecord } from './sim-callbacks'
export type { FaultRule, SimulatorFaults } from './sim-faults'
export { simulatorTestKeys, type SimulatorKeys } from './sim-keys'
export type { SimTiming } from './sim-tasks'
export type { SimImageType, SimInput } from './sim-source-image'
export { uploadLimits, uploadPathPrefix } from './sim-uploads'
