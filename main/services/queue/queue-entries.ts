import { z } from 'zod'
import {
  AppError,
  errorShapeSchema,
  plotCellRefSchema,
  taskRequestSchema,
  type ErrorShape,
  type TaskRequest,
} from '#contract'
import type { Logger } from '../logger'
import type { TaskTags } from '../tasks/tasks-service'
import type { QueueTable, StoredItemState, StoredQueueItem } from './queue-table'

/** One queued task in memory, mirroring its row (every change is written to the row first). */
export interface QueueEntry {
  readonly id: string
  readonly taskId: string
  readonly profileId: string
  readonly request: TaskRequest
  readonly tags: Pick<TaskTags, 'plot'>
  readonly label: string
  readonly createdAt: number
  state: StoredItemState
  retryAt: number | null
  attempts: number
  reason: ErrorShape | null
}

export type EntryChange = Pick<QueueEntry, 'state' | 'retryAt' | 'attempts' | 'reason'>

/** What a row's `body` holds; checked again on load, so a row from an older app cannot misfire. */
const bodySchema = z.object({
  request: taskRequestSchema,
  plot: plotCellRefSchema.optional(),
  label: z.string().max(200),
})

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * The queue's items by profile, in sending order, over the durable table: each change is written
 * (and fsynced) before memory changes, so what the queue acts on is what survives a crash.
 */
export function createQueueEntries(table: QueueTable, logger: Logger) {
  const byProfile = new Map<string, QueueEntry[]>()
  const byId = new Map<string, QueueEntry>()
  const byTask = new Map<string, QueueEntry>()
  let nextOrd = 0

  const place = (entry: QueueEntry) => {
    byProfile.set(entry.profileId, [...(byProfile.get(entry.profileId) ?? []), entry])
    byId.set(entry.id, entry)
    byTask.set(entry.taskId, entry)
  }

  const fromRow = (row: StoredQueueItem): QueueEntry | null => {
    const body = bodySchema.safeParse(parseJson(row.body))
    const reason = row.reason === null ? null : errorShapeSchema.safeParse(parseJson(row.reason))
    if (!body.success) return null
    return {
      id: row.id,
      taskId: row.taskId,
      profileId: row.profileId,
      request: body.data.request,
      tags: body.data.plot ? { plot: body.data.plot } : {},
      label: body.data.label,
      createdAt: row.createdAt,
      state: row.state,
      retryAt: row.retryAt,
      attempts: row.attempts,
      reason: reason?.success ? reason.data : null,
    }
  }

  const update = (entry: QueueEntry, change: EntryChange): void => {
    table.setState(entry.id, { ...change, reason: change.reason ? JSON.stringify(change.reason) : null })
    Object.assign(entry, change)
  }

  return {
    /** Reads every row; a row this app cannot read is dropped (logged), never sent half-understood. */
    load() {
      const unreadable: string[] = []
      for (const row of table.load()) {
        nextOrd = Math.max(nextOrd, row.ord + 1)
        const entry = fromRow(row)
        if (entry) place(entry)
        else unreadable.push(row.id)
      }
      if (unreadable.length > 0) {
        logger.warn('queue.unreadable_items', { count: unreadable.length })
        table.delete(unreadable)
      }
    },
    add(entry: Omit<QueueEntry, 'state' | 'retryAt' | 'attempts' | 'reason'>): QueueEntry {
      const added: QueueEntry = { ...entry, state: 'queued', retryAt: null, attempts: 0, reason: null }
      const body = {
        request: entry.request,
        label: entry.label,
        ...(entry.tags.plot ? { plot: entry.tags.plot } : {}),
      }
      table.insert({
        id: entry.id,
        taskId: entry.taskId,
        profileId: entry.profileId,
        ord: nextOrd,
        state: 'queued',
        retryAt: null,
        attempts: 0,
        reason: null,
        createdAt: entry.createdAt,
        body: JSON.stringify(body),
      })
      nextOrd += 1
      place(added)
      return added
    },
    update,
    /** Queued again, or being sent (now, or found so at start-up): no wait, attempts and reason kept. */
    mark(entry: QueueEntry, state: 'queued' | 'sending'): void {
      update(entry, { state, retryAt: null, attempts: entry.attempts, reason: entry.reason })
    },
    remove(entries: readonly QueueEntry[]): void {
      if (entries.length === 0) return
      table.delete(entries.map((entry) => entry.id))
      const gone = new Set(entries)
      for (const entry of entries) {
        byId.delete(entry.id)
        byTask.delete(entry.taskId)
      }
      for (const profileId of new Set(entries.map((entry) => entry.profileId))) {
        const left = (byProfile.get(profileId) ?? []).filter((entry) => !gone.has(entry))
        if (left.length > 0) byProfile.set(profileId, left)
        else byProfile.delete(profileId)
      }
    },
    /** Moves an entry to `toIndex` among its profile's entries (clamped to the end). */
    move(entry: QueueEntry, toIndex: number): void {
      const list = (byProfile.get(entry.profileId) ?? []).filter((each) => each !== entry)
      const at = Math.min(toIndex, list.length)
      const next = [...list.slice(0, at), entry, ...list.slice(at)]
      table.reorder(next.map((each) => each.id))
      nextOrd = Math.max(nextOrd, next.length)
      byProfile.set(entry.profileId, next)
    },
    of: (profileId: string): readonly QueueEntry[] => byProfile.get(profileId) ?? [],
    profiles: (): string[] => [...byProfile.keys()],
    get: (id: string) => byId.get(id),
    /** The entry with this id, or `not_found` (a stale id from a window, or one sent meanwhile). */
    find(id: string): QueueEntry {
      const entry = byId.get(id)
      if (!entry) throw new AppError('not_found', 'There is no such item in the queue.', { id })
      return entry
    },
    ofTask: (taskId: string) => byTask.get(taskId),
    size: () => byId.size,
  }
}

export type QueueEntries = ReturnType<typeof createQueueEntries>
