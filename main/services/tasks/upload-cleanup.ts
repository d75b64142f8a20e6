import { isTerminalStatus, type TaskRecord } from '#contract'
import type { HistoryStore, TaskPatch } from '../history/history-store'
import { ownedObjects } from '../history/upload-ledger'
import type { Logger } from '../logger'
import type { InputImageHost } from '../storage/image-host'
import { releaseUploads } from './input-release'

export interface UploadCleanupDeps {
  readonly history: Pick<HistoryStore, 'get' | 'unreleasedUploads' | 'uploadNotes'>
  /** The noting host (upload-notes.ts), so each deletion also drops its note. */
  readonly imageHost: Pick<InputImageHost, 'remove'>
  readonly logger: Logger
  /** Writes a record change and announces it (the tasks service's own `save`). */
  readonly save: (id: string, patch: TaskPatch) => TaskRecord
  /** Runs work in the background: failures logged, awaited by the service's close. */
  readonly background: (work: Promise<unknown>) => void
  /** The task is being sent again: its inputs belong to the retry. */
  readonly isRetrying: (taskId: string) => boolean
}

export interface UploadCleanup {
  /** The task ended: its uploaded input images leave the user's storage unless kept. */
  release(record: TaskRecord): void
  /** Resolves once a release of this task under way is over (a retry waits for it). */
  settled(taskId: string): Promise<void>
  /**
   * Start-up: deletes what earlier runs could not (see the module note). Meant for the
   * background; answers how many objects went and how many are left for the next start.
   */
  sweep(): Promise<{ removed: number; left: number }>
  /** Cancels a sweep under way; what it did not reach is tried again at the next start. */
  stop(): void
}

const errorCode = (error: unknown) => (error as { code?: unknown }).code ?? 'unknown'

/**
 * Deleting uploaded input images, crash-safe. A task's uploads are deleted when it ends; what a
 * crash, a kill or an unreachable storage left is found at the next start from the history's
 * upload ledger (history/upload-ledger.ts): finished tasks that still hold objects, and notes of
 * objects no record holds. The sweep runs in the background and is bounded: at most a few hundred
 * of each per start, and a profile whose storage fails once is left alone until the next start,
 * so an unreachable storage costs one timeout, not one per object.
 */
export function createUploadCleanup(deps: UploadCleanupDeps): UploadCleanup {
  const { history, logger } = deps
  const releasing = new Map<string, Promise<{ removed: number; left: number }>>()
  const stopping = new AbortController()

  const releaseNow = (record: TaskRecord, signal?: AbortSignal) => {
    const work = (async () => {
      const outcome = await releaseUploads(deps, record.profileId, record.inputs ?? [], { signal })
      // The user may have deleted the task meanwhile: then there is nothing left to update.
      if (outcome.removed > 0 && history.get(record.id)) deps.save(record.id, { inputs: outcome.inputs })
      return outcome
    })().finally(() => releasing.delete(record.id))
    releasing.set(record.id, work)
    return work
  }

  /** Objects earlier runs noted but no record holds. */
  async function sweepNotes(failed: Set<string>, signal: AbortSignal) {
    let removed = 0
    let left = 0
    for (const { profileId, object } of history.uploadNotes()) {
      if (signal.aborted || failed.has(profileId)) {
        left += 1
        continue
      }
      try {
        await deps.imageHost.remove(profileId, object, { signal })
        removed += 1
      } catch (error) {
        failed.add(profileId)
        left += 1
        logger.warn('tasks.leftover_not_removed', { profileId, code: errorCode(error) })
      }
    }
    return { removed, left }
  }

  /** Finished tasks whose uploads are still there. */
  async function sweepTasks(failed: Set<string>, signal: AbortSignal) {
    let removed = 0
    let left = 0
    for (const task of history.unreleasedUploads()) {
      if (signal.aborted || failed.has(task.profileId)) {
        left += ownedObjects(task.inputs).length
        continue
      }
      // Read again: the task may have been retried, released or deleted since the list was read.
      const current = history.get(task.id)
      if (!current || !isTerminalStatus(current.status)) continue
      if (deps.isRetrying(task.id) || releasing.has(task.id)) continue
      const outcome = await releaseNow(current, signal)
      removed += outcome.removed
      left += outcome.left
      if (outcome.left > 0) failed.add(task.profileId)
    }
    return { removed, left }
  }

  return {
    release(record) {
      if (ownedObjects(record.inputs).length === 0) return
      deps.background(releaseNow(record))
    },
    async settled(taskId) {
      // Its failure was logged where it ran; the waiter only needs it to be over.
      await releasing.get(taskId)?.catch(() => undefined)
    },
    async sweep() {
      const { signal } = stopping
      const failed = new Set<string>()
      const notes = await sweepNotes(failed, signal)
      const tasks = await sweepTasks(failed, signal)
      const report = { removed: notes.removed + tasks.removed, left: notes.left + tasks.left }
      if (report.removed > 0 || report.left > 0) logger.info('tasks.leftover_uploads', report)
      return report
    },
    stop: () => stopping.abort(),
  }
}
