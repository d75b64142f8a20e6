import { randomBytes } from 'node:crypto'
import {
  AppError,
  historyQuerySchema,
  historyRecoverySchema,
  type HistoryExportFormat,
  type HistoryImportResult,
  type HistoryPage,
  type HistoryQueryInput,
  type HistoryRecovery,
  type TaskRecord,
} from '#contract'
import type { Logger } from '../logger'
import { createQueueTable, type QueueTable } from '../queue/queue-table'
import { createTaskWriter, rebuildSearchIndex, storableRecordSchema } from './history-db'
import { createHistoryQuery } from './history-query'
import { exportRecords, importRecords, type ExportResult } from './history-transfer'
import { openHistoryDatabase, pendingRecoveryKey } from './open-history-db'
import { decodeRecord } from './record-codec'
import { createUploadLedger, type StorageObject, type UploadNote } from './upload-ledger'

export interface HistoryStoreDeps {
  readonly dataDir: string
  readonly clock: () => number
  readonly logger: Logger
}

/** What an update may change: never the id, the kind or the creation time. */
export type TaskPatch = TaskRecord extends infer R
  ? R extends TaskRecord
    ? Partial<Omit<R, 'id' | 'kind' | 'createdAt'>>
    : never
  : never

export interface HistoryStore {
  /**
   * Records a task. Returns only after the transaction is committed and fsynced, so the caller
   * may then tell the user (or send the request): the intent record of a submit.
   */
  insert(record: TaskRecord): TaskRecord
  /** Applies a patch (`updatedAt` defaults to now); durable on return like `insert`. */
  update(id: string, patch: TaskPatch): TaskRecord
  get(id: string): TaskRecord | null
  /** One page of tasks matching the filters, and how many match in all. */
  query(query: HistoryQueryInput): HistoryPage
  /** Deletes tasks; answers the image cache keys no remaining task refers to (safe to remove). */
  delete(ids: readonly string[]): string[]
  /** Tasks left submitting, queued or running: what start-up resumes or reconciles. */
  unfinished(): TaskRecord[]
  /**
   * Finished tasks whose inputs still hold uploaded objects that are not kept: what start-up
   * deletes. Read from a small index of exactly those tasks, never by scanning the history.
   */
  unreleasedUploads(limit?: number): TaskRecord[]
  /**
   * Durably notes an object just uploaded for `profileId`. The note goes in the same transaction
   * that writes a record holding the object, or with `dropUploadNote` once it is deleted.
   */
  noteUpload(profileId: string, object: StorageObject): void
  dropUploadNote(profileId: string, object: StorageObject): void
  /**
   * Notes earlier runs left: objects a submit uploaded but never recorded (the app stopped in
   * between), or of tasks deleted before their uploads were. This run's notes are never listed.
   */
  uploadNotes(limit?: number): UploadNote[]
  /** JSONL or CSV of some tasks or all, as text or (with `path`) written durably to a file. */
  exportRecords(
    ids: readonly string[] | 'all',
    format: HistoryExportFormat,
    options?: { path?: string },
  ): Promise<ExportResult>
  importRecords(text: string, format: HistoryExportFormat): HistoryImportResult
  /** A recovery of a damaged history the user has not yet been told about. */
  pendingRecovery(): HistoryRecovery | null
  acknowledgeRecovery(): void
  /** The per-profile queue's rows, in this same file (services/queue). */
  readonly queue: QueueTable
  close(): void
}

const unfinishedLimit = 10_000
/** How many leftovers one start-up takes on; the rest wait for the next. */
const leftoversLimit = 500

const sqliteCode = (error: unknown) => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : ''
}

/** SQLite failures as AppErrors that carry the SQLite code only, never its text. */
function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const code = sqliteCode(error)
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('storage_corrupt', 'The history file is damaged; restart the app to recover it.')
  }
  if (code.startsWith('SQLITE_FULL'))
    return new AppError('io', 'The disk is full; the history could not be saved.', { reason: code })
  return new AppError('io', 'The history could not be read or written.', { reason: code || 'unknown' })
}

const checkedRecord = (value: unknown): TaskRecord => {
  const checked = storableRecordSchema.safeParse(value)
  if (checked.success) return checked.data
  const issue = checked.error.issues[0]
  throw new AppError('invalid_request', 'Not a valid task record.', {
    issues: checked.error.issues
      .slice(0, 10)
      .map((item) => ({ path: item.path.map(String).join('.'), message: item.message })),
    field: issue?.path.map(String).join('.') ?? '',
  })
}

/**
 * The local task history on SQLite (see README "History storage"). Opening takes the single-writer
 * lock, checks the file and recovers it when damaged; every write is durable when it returns.
 */
export function createHistoryStore(deps: HistoryStoreDeps): HistoryStore {
  const opened = openHistoryDatabase(deps)
  const { db } = opened
  // Tells this run's upload notes from those of earlier runs (only one run holds the file at a time).
  const runId = randomBytes(8).toString('hex')
  const writer = createTaskWriter(db, runId)
  const ledger = createUploadLedger(db, runId)
  const runQuery = createHistoryQuery(db)
  const bySeqAndId = db.prepare(
    'SELECT t.seq AS seq, b.body AS body FROM tasks t JOIN task_bodies b ON b.seq = t.seq WHERE t.id = ?',
  )
  const unfinishedRows = db
    .prepare(
      `SELECT b.body FROM tasks t JOIN task_bodies b ON b.seq = t.seq
       WHERE t.status IN ('submitting', 'queued', 'running') ORDER BY t.seq LIMIT ?`,
    )
    .pluck()
  const stillReferenced = db.prepare('SELECT 1 FROM task_images WHERE cache_key = ? LIMIT 1').pluck()
  const readMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck()
  const deleteMeta = db.prepare('DELETE FROM meta WHERE key = ?')
  let closed = false
  let searchRebuilt = false

  /**
   * Damage that shows only at run time is in the search index (the start-up check reads every
   * other b-tree): it is rebuilt from the records once, and the operation tried again.
   */
  const repairedSearch = (error: unknown): boolean => {
    if (searchRebuilt || !sqliteCode(error).startsWith('SQLITE_CORRUPT')) return false
    searchRebuilt = true
    try {
      rebuildSearchIndex(db)
      deps.logger.warn('history.search_rebuilt', { reason: sqliteCode(error) })
      return true
    } catch (rebuildError) {
      deps.logger.error('history.search_rebuild_failed', { reason: sqliteCode(rebuildError) })
      return false
    }
  }

  const guarded =
    <A extends unknown[], R>(operation: (...args: A) => R) =>
    (...args: A): R => {
      if (closed) throw new AppError('io', 'The history is closed.')
      try {
        return operation(...args)
      } catch (error) {
        if (!repairedSearch(error)) throw asAppError(error)
      }
      try {
        return operation(...args)
      } catch (error) {
        throw asAppError(error)
      }
    }

  const find = (id: string) => {
    const row = bySeqAndId.get(id) as { seq: number; body: Buffer } | undefined
    return row ? { seq: row.seq, record: decodeRecord(row.body) } : null
  }

  const insert = db.transaction((record: TaskRecord) => {
    if (find(record.id))
      throw new AppError('conflict', 'A task with this id is already in the history.', { id: record.id })
    writer.insert(record)
  })

  const update = db.transaction((id: string, patch: TaskPatch) => {
    const current = find(id)
    if (!current) throw new AppError('not_found', 'No such task in the history.', { id })
    // The patch never changes the id, kind or creation time; the merged record is parsed again.
    const record = checkedRecord({
      ...current.record,
      ...patch,
      id: current.record.id,
      kind: current.record.kind,
      createdAt: current.record.createdAt,
      updatedAt: patch.updatedAt ?? deps.clock(),
    } as TaskRecord)
    writer.replace(current.seq, record, current.record)
    return record
  })

  const remove = db.transaction((ids: readonly string[]) => {
    const released = new Set<string>()
    for (const id of new Set(ids)) {
      const current = find(id)
      if (current) writer.remove(current.seq, current.record).forEach((key) => released.add(key))
    }
    return [...released].filter((key) => stillReferenced.get(key) === undefined)
  })

  return {
    insert: guarded((record) => {
      const checked = checkedRecord(record)
      insert.immediate(checked)
      return checked
    }),
    update: guarded((id, patch) => update.immediate(id, patch)),
    get: guarded((id) => find(id)?.record ?? null),
    query: guarded((query) => {
      const parsed = historyQuerySchema.safeParse(query)
      if (!parsed.success) throw new AppError('invalid_request', 'Not a valid history query.')
      return runQuery(parsed.data)
    }),
    delete: guarded((ids) => remove.immediate(ids)),
    unfinished: guarded(() => (unfinishedRows.all(unfinishedLimit) as Buffer[]).map(decodeRecord)),
    unreleasedUploads: guarded((limit = leftoversLimit) => ledger.owingTasks(limit)),
    noteUpload: guarded((profileId, object) => ledger.note(profileId, object)),
    dropUploadNote: guarded((profileId, object) => ledger.drop(profileId, object)),
    uploadNotes: guarded((limit = leftoversLimit) => ledger.earlierNotes(limit)),
    exportRecords: async (ids, format, options = {}) => {
      if (closed) throw new AppError('io', 'The history is closed.')
      try {
        return await exportRecords(db, ids, format, options.path)
      } catch (error) {
        throw asAppError(error)
      }
    },
    importRecords: guarded((text, format) => importRecords(db, writer, text, format)),
    pendingRecovery: guarded(() => {
      const text = readMeta.get(pendingRecoveryKey) as string | undefined
      const parsed = text === undefined ? null : historyRecoverySchema.safeParse(JSON.parse(text))
      return parsed?.success ? parsed.data : null
    }),
    acknowledgeRecovery: guarded(() => {
      deleteMeta.run(pendingRecoveryKey)
    }),
    queue: createQueueTable(db, guarded),
    close() {
      if (closed) return
      closed = true
      opened.close()
    },
  }
}
