import type { Database } from 'better-sqlite3'

/*
 * The queue's rows, in the history's own SQLite file (WAL, synchronous=FULL: history-db.ts), so an
 * item is durable before `submit` answers and the queue shares the history's single-writer lock.
 * Each row holds the task id the task will be recorded and sent under: after a crash, the history
 * says whether that task was recorded (and so maybe sent) or not (so surely never sent).
 */

/** What is stored; `queued`, `sending` and `waiting_retry` only (`paused` is a profile's state). */
export type StoredItemState = 'queued' | 'sending' | 'waiting_retry'

export interface StoredQueueItem {
  readonly id: string
  readonly taskId: string
  readonly profileId: string
  /** Sending order within the profile (smaller first). */
  readonly ord: number
  readonly state: StoredItemState
  readonly retryAt: number | null
  readonly attempts: number
  /** JSON of the refusal's ErrorShape, when waiting. */
  readonly reason: string | null
  readonly createdAt: number
  /** JSON of the request, its tags and label (queue-service.ts checks it again on load). */
  readonly body: string
}

export interface QueueTable {
  /** Every item, by profile then sending order. */
  load(): StoredQueueItem[]
  insert(item: StoredQueueItem): void
  setState(id: string, change: Pick<StoredQueueItem, 'state' | 'retryAt' | 'attempts' | 'reason'>): void
  delete(ids: readonly string[]): void
  /** Rewrites the sending order: each id gets its index. */
  reorder(ids: readonly string[]): void
  pausedProfiles(): string[]
  setPaused(profileId: string, paused: boolean): void
}

const schema = `
CREATE TABLE IF NOT EXISTS queue_items (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL UNIQUE,
  profile_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  state TEXT NOT NULL,
  retry_at INTEGER,
  attempts INTEGER NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queue_paused (profile_id TEXT PRIMARY KEY) WITHOUT ROWID;
`

/** The tables' names, for the history's start-up integrity check. */
export const queueTables = ['queue_items', 'queue_paused'] as const

type Guard = <A extends unknown[], R>(operation: (...args: A) => R) => (...args: A) => R

/**
 * Creates the tables when missing (a new table changes no existing one, so older files just gain
 * it) and answers the queue's reads and writes; `guard` maps SQLite failures as the history does.
 */
export function createQueueTable(db: Database, guard: Guard): QueueTable {
  db.exec(schema)
  const all = db.prepare(
    `SELECT id, task_id AS taskId, profile_id AS profileId, ord, state, retry_at AS retryAt, attempts,
       reason, created_at AS createdAt, body FROM queue_items ORDER BY profile_id, ord`,
  )
  const insert = db.prepare(
    `INSERT INTO queue_items (id, task_id, profile_id, ord, state, retry_at, attempts, reason, created_at, body)
     VALUES (@id, @taskId, @profileId, @ord, @state, @retryAt, @attempts, @reason, @createdAt, @body)`,
  )
  const setState = db.prepare(
    'UPDATE queue_items SET state = @state, retry_at = @retryAt, attempts = @attempts, reason = @reason WHERE id = @id',
  )
  const deleteOne = db.prepare('DELETE FROM queue_items WHERE id = ?')
  const setOrd = db.prepare('UPDATE queue_items SET ord = ? WHERE id = ?')
  const paused = db.prepare('SELECT profile_id FROM queue_paused').pluck()
  const pause = db.prepare('INSERT OR IGNORE INTO queue_paused (profile_id) VALUES (?)')
  const unpause = db.prepare('DELETE FROM queue_paused WHERE profile_id = ?')
  const deleteMany = db.transaction((ids: readonly string[]) => {
    for (const id of ids) deleteOne.run(id)
  })
  const reorder = db.transaction((ids: readonly string[]) => {
    ids.forEach((id, index) => setOrd.run(index, id))
  })
  return {
    load: guard(() => all.all() as StoredQueueItem[]),
    insert: guard((item) => {
      insert.run(item)
    }),
    setState: guard((id, change) => {
      setState.run({ id, ...change })
    }),
    delete: guard((ids) => deleteMany.immediate(ids)),
    reorder: guard((ids) => reorder.immediate(ids)),
    pausedProfiles: guard(() => paused.all() as string[]),
    setPaused: guard((profileId, value) => {
      if (value) pause.run(profileId)
      else unpause.run(profileId)
    }),
  }
}
