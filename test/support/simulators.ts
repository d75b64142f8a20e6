import { afterEach } from 'vitest'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../main/simulator/simulator'

/** Starts simulators on 127.0.0.1 for a test; every one it started is closed after it. */
export function useSimulators(): (options?: SimulatorOptions) => Promise<Simulator> {
  const running: Simulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((simulator) => simulator.close()))
  })
  return async (options) => {
    const simulator = await startSimulator(options)
    running.push(simulator)
    return simulator
  }
}
