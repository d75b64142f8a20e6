import { AppError, isSdTask, type TaskRecord } from '#contract'
import type { TrackerFinal } from '../api/task-tracker'
import type { HistoryStore } from '../history/history-store'
import { keepResultImages, type ResultDeps } from './task-results'

export interface FinishDeps extends ResultDeps {
  readonly history: Pick<HistoryStore, 'get'>
  readonly clock: () => number
  /** Writes the record and announces it (tasks-service.ts `save`). */
  readonly save: (id: string, patch: Parameters<HistoryStore['update']>[1]) => TaskRecord
  /** Lets go of the task's uploads once its record is final (upload-cleanup.ts). */
  readonly release: (record: TaskRecord) => void
}

/**
 * A tracked task's end: a success keeps its result images locally before the record says
 * "succeeded"; anything else is recorded "failed" with the tracker's error (or a generic one).
 */
export async function finishTask(deps: FinishDeps, final: TrackerFinal): Promise<void> {
  const { history, clock, save, release } = deps
  const record = history.get(final.id)
  if (!record || !isSdTask(record)) return
  const snapshot = final.snapshot
  if (snapshot?.state === 'succeeded') {
    const images = await keepResultImages(deps, final.id, record, snapshot.images)
    release(
      save(final.id, {
        status: 'succeeded',
        description: snapshot.description,
        images,
        finishedAt: clock(),
        error: null,
      }),
    )
    return
  }
  const error = final.error ?? new AppError('server', 'The service reported the task as failed.')
  release(
    save(final.id, {
      status: 'failed',
      description: snapshot?.description ?? record.description,
      finishedAt: clock(),
      error: error.toShape(),
    }),
  )
}
