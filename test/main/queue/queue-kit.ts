import { vi } from 'vitest'
import type { TaskRecord } from '#contract'
import { createSessionSecretStore } from '../../../main/services/credentials/secret-store'
import type { Services, ServicesConfig } from '../../../main/services/create-services'
import type { QueueTimers } from '../../../main/services/queue/queue-service'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import type { Simulator } from '../../../main/simulator/simulator'
import { fastTracking } from './queue-kit-request'

export { fastTracking, request } from './queue-kit-request'

/** A clock and timer the test moves by hand: nothing waits on real time for a backoff. */
export function manualTimers(
  start = Date.now(),
): QueueTimers & { advance(ms: number): void; pending(): number } {
  let now = start
  let timers: { at: number; run: () => void }[] = []
  return {
    now: () => now,
    setTimeout(run, ms) {
      const timer = { at: now + ms, run }
      timers.push(timer)
      return timer
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer !== handle)
    },
    advance(ms) {
      now += ms
      const due = timers.filter((timer) => timer.at <= now)
      timers = timers.filter((timer) => timer.at > now)
      for (const timer of due) timer.run()
    },
    pending: () => timers.length,
  }
}

/** Services with one profile pointed at the simulator, keys in a session store. */
export async function appOn(
  open: (config: Partial<ServicesConfig> & { dataDir: string }) => Promise<Services>,
  simulator: Simulator,
  config: Partial<ServicesConfig> & { dataDir: string },
): Promise<{ app: Services; profileId: string }> {
  const app = await open({ trackerLimits: fastTracking, keychain: createSessionSecretStore(), ...config })
  const ctx = { transport: 'in-process' } as const
  const created = await app.dispatch('profiles.create', { name: 'Sim', baseUrl: simulator.url }, ctx)
  if (!created.ok) throw new Error(created.error.message)
  const profileId = (created.value as { id: string }).id
  await app.dispatch('credentials.set', { profileId, ...simulatorTestKeys }, ctx)
  return { app, profileId }
}

/** How many submit requests reached the simulator for each task id (`id_task` of the body). */
export function submitsById(simulator: Simulator): Map<string, number> {
  const counts = new Map<string, number>()
  for (const entry of simulator.requests.list()) {
    const body = entry.body as { alwayson_scripts?: { id_task?: unknown } } | undefined
    const id = body?.alwayson_scripts?.id_task
    if (typeof id === 'string') counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}

/** Waits until every task has ended in the history (polls the store, no fixed sleeps). */
export async function allEnded(app: Services, taskIds: readonly string[]): Promise<TaskRecord[]> {
  return vi.waitFor(
    () => {
      const records = taskIds.map((id) => app.history.get(id))
      const ended = records.filter(
        (record): record is TaskRecord =>
          record !== null && ['succeeded', 'failed', 'cancelled'].includes(record.status),
      )
      if (ended.length !== taskIds.length) throw new Error(`${ended.length} of ${taskIds.length} ended`)
      return ended
    },
    { timeout: 30_000, interval: 25 },
  )
}
