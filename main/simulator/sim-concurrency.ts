import { progressAt, type SimTask, type SimTiming } from './sim-tasks'

/**
 * The "too many tasks" refusal (issue 15 §3). The service's concurrency limit and its answer are
 * not documented; the simulator answers business code "429" with wording a client can recognise,
 * in both languages, as a rate-limited gateway plausibly would.
 */
export const tooManyTasksMessage = 'Too many tasks in progress, try again later (任务过多，请稍后再试)'

/** Tasks not yet ended at `now` (queued or running by the simulated clock). */
export function activeTaskCount(tasks: Iterable<SimTask>, now: number, timing: SimTiming): number {
  let count = 0
  for (const task of tasks) {
    const { state } = progressAt(task, now, timing)
    if (state === 'queued' || state === 'running') count += 1
  }
  return count
}
