import type { Database } from 'better-sqlite3'
import { isTerminalStatus, type TaskInput, type TaskRecord } from '#contract'
import { decodeRecord } from './record-codec'

/*
 * What the app still has to delete from the users' storage, kept in the history's own database so
 * it survives a crash, a kill or a power cut (README "Image storage"):
 * - `tasks_releasing` indexes the finished tasks whose inputs still hold uploaded objects that are
 *   not kept. It is derived from the records by the task writer, like `task_images`, so start-up
 *   finds them with one small read instead of decoding 100,000 records.
 * - `upload_notes` holds objects no finished record holds: each upload is noted as soon as it is
 *   made, and the note is dropped in the very transaction that writes the record holding it, or
 *   once the object is deleted. A note from an earlier run is an object a submit uploaded but
 *   never recorded (the app stopped in between), or one of a task deleted before its release.
 */

/** An object in a profile's storage, as a task input names it. */
export type StorageObject = NonNullable<TaskInput['storageObject']>

/** An uploaded object the app still has to delete, which no finished task's record holds. */
export interface UploadNote {
  readonly profileId: string
  readonly object: StorageObject
}

const sameObject = (a: StorageObject, b: StorageObject) => a.bucket === b.bucket && a.key === b.key

/** What the ledger needs of an upload a record holds. */
type HeldUpload = Pick<TaskInput, 'storageObject' | 'keepUpload'>

/**
 * The uploads a record holds: its input images, or a training job's dataset (issue 16). A training
 * job's objects only drop notes here; the training service deletes them itself when the job ends,
 * so they never enter `tasks_releasing` (`owesRelease` reads inputs only).
 */
const uploadsOf = (record: TaskRecord): readonly HeldUpload[] | undefined =>
  record.kind === 'training'
    ? record.dataset.map((image) => ({ storageObject: image.storageObject, keepUpload: record.keepUploads }))
    : record.inputs

/** The uploaded objects of these inputs that go once their task ends (not kept), each once. */
export function ownedObjects(inputs: readonly HeldUpload[] | undefined): StorageObject[] {
  const owned: StorageObject[] = []
  for (const input of inputs ?? []) {
    const object = input.storageObject
    if (object !== null && !input.keepUpload && !owned.some((seen) => sameObject(seen, object)))
      owned.push(object)
  }
  return owned
}

/** Objects `before` owned that `after` no longer holds at all (replaced, not deleted). */
export const droppedObjects = (
  before: readonly TaskInput[] | undefined,
  after: readonly TaskInput[] | undefined,
): StorageObject[] => {
  const kept = (after ?? []).flatMap((input) => (input.storageObject === null ? [] : [input.storageObject]))
  return ownedObjects(before).filter((object) => !kept.some((other) => sameObject(object, other)))
}

const owesRelease = (record: TaskRecord) =>
  isTerminalStatus(record.status) && ownedObjects(record.inputs).length > 0

const heldObjects = (record: TaskRecord) =>
  JSON.stringify((uploadsOf(record) ?? []).map((input) => input.storageObject))

export interface UploadLedgerWriter {
  /** After a record is written: notes of the objects it holds are dropped; indexed while it owes. */
  recorded(seq: number, record: TaskRecord, previous?: TaskRecord): void
  /** Before a record is removed: the objects it still owes become notes. */
  removed(seq: number, record: TaskRecord): void
}

/** The task writer's part of the ledger (history-db.ts); `runId` marks the notes it writes. */
export function createUploadLedgerWriter(db: Database, runId: string): UploadLedgerWriter {
  const index = db.prepare('INSERT OR IGNORE INTO tasks_releasing (task_seq) VALUES (?)')
  const unindex = db.prepare('DELETE FROM tasks_releasing WHERE task_seq = ?')
  const note = db.prepare(
    'INSERT OR REPLACE INTO upload_notes (profile_id, bucket, object_key, run_id) VALUES (?, ?, ?, ?)',
  )
  const drop = db.prepare('DELETE FROM upload_notes WHERE profile_id = ? AND bucket = ? AND object_key = ?')
  return {
    recorded(seq, record, previous) {
      // Most writes are status changes of tasks without uploads: nothing to do for those.
      const held = uploadsOf(record)
      if (!held?.length && !(previous && uploadsOf(previous)?.length)) return
      if (!previous || heldObjects(previous) !== heldObjects(record)) {
        for (const input of held ?? []) {
          if (input.storageObject !== null)
            drop.run(record.profileId, input.storageObject.bucket, input.storageObject.key)
        }
      }
      const owes = owesRelease(record)
      if (previous && owes === owesRelease(previous)) return
      if (owes) index.run(seq)
      else if (previous) unindex.run(seq)
    },
    removed(seq, record) {
      unindex.run(seq)
      for (const object of ownedObjects(uploadsOf(record)))
        note.run(record.profileId, object.bucket, object.key, runId)
    },
  }
}

/**
 * Builds `tasks_releasing` for a history written before it existed (schema version 1): one pass
 * over the finished image tasks, once, inside the migration's transaction.
 */
export function indexTasksOwingRelease(db: Database): void {
  const rows = db
    .prepare(
      `SELECT t.seq AS seq, b.body AS body FROM tasks t JOIN task_bodies b ON b.seq = t.seq
       WHERE t.kind IN ('image2image', 'inpaint', 'controlnet')
         AND t.status IN ('succeeded', 'failed', 'cancelled')`,
    )
    .all() as { seq: number; body: Buffer }[]
  const index = db.prepare('INSERT OR IGNORE INTO tasks_releasing (task_seq) VALUES (?)')
  for (const row of rows) if (owesRelease(decodeRecord(row.body))) index.run(row.seq)
}

export interface UploadLedger {
  /** Finished tasks that still owe deletions, oldest first. */
  owingTasks(limit: number): TaskRecord[]
  /** Notes written by earlier runs (never this run's: their submits may still be under way). */
  earlierNotes(limit: number): UploadNote[]
  note(profileId: string, object: StorageObject): void
  drop(profileId: string, object: StorageObject): void
}

/** The history store's reads and writes of the ledger; `runId` tells this run's notes apart. */
export function createUploadLedger(db: Database, runId: string): UploadLedger {
  const owing = db
    .prepare(
      `SELECT b.body FROM tasks_releasing r JOIN task_bodies b ON b.seq = r.task_seq
       ORDER BY r.task_seq LIMIT ?`,
    )
    .pluck()
  const earlier = db.prepare(
    `SELECT profile_id AS profileId, bucket, object_key AS key FROM upload_notes
     WHERE run_id <> ? LIMIT ?`,
  )
  const note = db.prepare(
    'INSERT OR REPLACE INTO upload_notes (profile_id, bucket, object_key, run_id) VALUES (?, ?, ?, ?)',
  )
  const drop = db.prepare('DELETE FROM upload_notes WHERE profile_id = ? AND bucket = ? AND object_key = ?')
  return {
    owingTasks: (limit) => (owing.all(limit) as Buffer[]).map(decodeRecord),
    earlierNotes: (limit) =>
      (earlier.all(runId, limit) as { profileId: string; bucket: string; key: string }[]).map((row) => ({
        profileId: row.profileId,
        object: { bucket: row.bucket, key: row.key },
      })),
    note: (profileId, object) => void note.run(profileId, object.bucket, object.key, runId),
    drop: (profileId, object) => void drop.run(profileId, object.bucket, object.key),
  }
}
