import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import { createServices } from '../../main/services/create-services'
import { startSimulator } from '../../main/simulator/simulator'
import type { Transport } from '../../renderer/src/bridge/transport'
import { appOn, manualTimers, request } from '../main/queue/queue-kit'

/*
 * The app's real services on a temp data folder, one profile on a simulator that allows one task
 * at a time (the profile's limit is 2), as a renderer transport. `refuseOne` queues two tasks: the
 * first runs, the service refuses the second ("too many tasks") and the queue holds it to send
 * again. The queue's clock stands still, so that retry never comes during the test.
 */
export async function startRefusingMain() {
  const dataDir = await mkdtemp(join(tmpdir(), 'queue-held-'))
  const simulator = await startSimulator({ timing: { queueMs: 60_000, msPerStep: 10 }, maxActiveTasks: 1 })
  const { app, profileId } = await appOn(
    (config) => createServices({ edition: 'test', version: '0.0.0-test', ...config }),
    simulator,
    { dataDir, queue: { timers: manualTimers(), random: () => 0 } },
  )
  await app.queue.start()
  const transport: Transport = {
    call: (method, input) => app.dispatch(method as never, input as never, { transport: 'in-process' }),
    onEvent: (listener) => app.events.subscribe((name, payload) => listener(name, payload)),
  }
  return {
    transport,
    history: app.history,
    async refuseOne() {
      const first = (await app.queue.submit(request(profileId, 1))).taskId
      const second = (await app.queue.submit(request(profileId, 2))).taskId
      await vi.waitFor(
        () => {
          if (app.queue.held()[0] !== second) throw new Error('not refused yet')
        },
        { timeout: 20_000, interval: 25 },
      )
      return { first, second }
    },
    async close() {
      await app.close()
      await simulator.close()
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
    },
  }
}
