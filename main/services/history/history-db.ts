import type { Database } from 'better-sqlite3'
import { isSdTask, taskRecordSchema, taskText, type TaskRecord } from '#contract'
import { decodeRecord, encodeRecord } from './record-codec'
import { searchableText } from './search-text'
import { createUploadLedgerWriter, indexTasksOwingRelease } from './upload-ledger'

/**
 * Bumped whenever the tables change; a file from a newer app is refused, never rewritten.
 * 2: `tasks_releasing` and `upload_notes` (upload-ledger.ts), built from version 1 files once.
 */
export const historySchemaVersion = 2

/*
 * Filters, sorts and counts touch only the slim `tasks` table; the records themselves (compressed,
 * see record-codec.ts) live in `task_bodies` and are read for the rows of a page only. 8 KiB
 * pages: half the pages of the default for the same rows, so the start-up check reads fewer,
 * while an append (one page per b-tree it touches) stays small.
 */
const pageSize = 8192

/**
 * Rows are keyed by `seq = createdAt × 1024 + n`, so rowid order is creation order: the creation
 * sort, date ranges, cursors and every single-column index (which ends in the rowid) come sorted
 * for free, and FTS5 can walk its matches newest first. 1024 × ms stays below 2^53 until 2248.
 */
export const seqPerMillisecond = 1024

/**
 * A task record the store can key: its creation time must give a seq that is a safe integer
 * (1970 to 2248). Everything written is checked against this.
 */
export const storableRecordSchema = taskRecordSchema.refine(
  (record) => record.createdAt >= 0 && record.createdAt * seqPerMillisecond < Number.MAX_SAFE_INTEGER,
  { path: ['createdAt'], message: 'Creation time out of range' },
)

const searchTable = `CREATE VIRTUAL TABLE IF NOT EXISTS tasks_search USING fts5(
  prompt, negative_prompt, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);`

/*
 * Runs at every open, so an index added here (IF NOT EXISTS) is its own migration: a file made
 * before it gets it built on its first open, in one pass over the slim table. An index changes no
 * table, so it needs no `historySchemaVersion` bump. `tasks_by_kind` (issue 7): the mode filter
 * counts and pages without scanning every task.
 */
const schema = `
CREATE TABLE IF NOT EXISTS tasks (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  checkpoint TEXT NOT NULL,
  vae TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS task_bodies (
  seq INTEGER PRIMARY KEY,
  body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_by_checkpoint ON tasks(checkpoint);
CREATE INDEX IF NOT EXISTS tasks_by_vae ON tasks(vae);
CREATE INDEX IF NOT EXISTS tasks_by_status ON tasks(status);
CREATE INDEX IF NOT EXISTS tasks_by_profile ON tasks(profile_id);
CREATE INDEX IF NOT EXISTS tasks_by_updated ON tasks(updated_at);
CREATE INDEX IF NOT EXISTS tasks_by_kind ON tasks(kind);
CREATE TABLE IF NOT EXISTS task_images (
  task_seq INTEGER NOT NULL,
  cache_key TEXT NOT NULL,
  PRIMARY KEY (task_seq, cache_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS task_images_by_key ON task_images(cache_key);
${searchTable}
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tasks_releasing (task_seq INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS upload_notes (
  profile_id TEXT NOT NULL,
  bucket TEXT NOT NULL,
  object_key TEXT NOT NULL,
  run_id TEXT NOT NULL,
  PRIMARY KEY (profile_id, bucket, object_key)
) WITHOUT ROWID;
`

/**
 * The ordinary tables, checked table by table at start-up. A whole-file quick_check would also run
 * FTS5's own consistency check, which costs more than everything else together; the search index
 * is derived data, so its tables' b-trees are checked but not its contents.
 */
export const checkedTables = [
  'tasks',
  'task_bodies',
  'task_images',
  'meta',
  'tasks_releasing',
  'upload_notes',
  // The queue's (services/queue/queue-table.ts), made on first open of the queue.
  'queue_items',
  'queue_paused',
  'tasks_search_data',
  'tasks_search_idx',
  'tasks_search_docsize',
  'tasks_search_config',
]

/**
 * WAL with `synchronous=FULL`: a commit returns only after the WAL is fsynced, so what was
 * acknowledged survives a crash or power cut. `locking_mode=EXCLUSIVE` holds an OS file lock for
 * the connection's life (the kernel drops it when the process dies), so a second instance cannot
 * write even if the lock file was deleted.
 */
export function applyPragmas(db: Database): void {
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma(`page_size = ${pageSize}`)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('temp_store = MEMORY')
}

export function createSchema(db: Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number
    db.exec(schema)
    if (version < 2) indexTasksOwingRelease(db)
    db.pragma(`user_version = ${historySchemaVersion}`)
  }).immediate()
}

/**
 * Every cached image a record needs: its results and the local copies of its input images (source,
 * mask, control images), so deleting one task never removes an image another still uses. Records
 * without `inputs` (text2image, or made before inputs existed) give their results only.
 */
const cacheKeysOf = (record: TaskRecord) => [
  ...new Set([
    ...record.images.flatMap((image) => (image.cacheKey === null ? [] : [image.cacheKey])),
    ...(record.inputs ?? []).flatMap((input) => (input.cacheKey === null ? [] : [input.cacheKey])),
  ]),
]

export interface TaskWriter {
  /** Adds a record under a fresh seq; the caller has checked the id is new. */
  insert(record: TaskRecord): number
  /** Rewrites the record at `seq` (its createdAt, and so its seq, never changes). */
  replace(seq: number, record: TaskRecord, previous: TaskRecord): void
  /**
   * Removes the row (`record` is what it holds); answers the cache keys it referenced. Uploads it
   * still owed a deletion are noted, so they are deleted all the same (upload-ledger.ts).
   */
  remove(seq: number, record: TaskRecord): string[]
}

/**
 * The only code that writes task rows, so the table, the search index, image refs and the upload
 * ledger agree. `runId` marks the upload notes it writes (this run's are not swept until the next).
 */
export function createTaskWriter(db: Database, runId: string): TaskWriter {
  const ledger = createUploadLedgerWriter(db, runId)
  const insertTask = db.prepare(
    `INSERT INTO tasks (seq, id, kind, status, profile_id, checkpoint, vae, created_at, updated_at)
     VALUES (@seq, @id, @kind, @status, @profileId, @checkpoint, @vae, @createdAt, @updatedAt)`,
  )
  const updateTask = db.prepare(
    `UPDATE tasks SET status = @status, profile_id = @profileId, checkpoint = @checkpoint, vae = @vae,
     updated_at = @updatedAt WHERE seq = @seq`,
  )
  const writeBody = db.prepare('INSERT OR REPLACE INTO task_bodies (seq, body) VALUES (?, ?)')
  const deleteBody = db.prepare('DELETE FROM task_bodies WHERE seq = ?')
  const lastSeqInSlot = db.prepare('SELECT max(seq) AS seq FROM tasks WHERE seq >= ? AND seq < ?').pluck()
  const firstFreeAfter = db
    .prepare(
      'SELECT seq + 1 FROM tasks t WHERE seq >= ? AND NOT EXISTS (SELECT 1 FROM tasks WHERE seq = t.seq + 1) ORDER BY seq LIMIT 1',
    )
    .pluck()
  const insertSearch = db.prepare(
    'INSERT INTO tasks_search (rowid, prompt, negative_prompt) VALUES (?, ?, ?)',
  )
  const deleteSearch = db.prepare('DELETE FROM tasks_search WHERE rowid = ?')
  const insertImage = db.prepare('INSERT OR IGNORE INTO task_images (task_seq, cache_key) VALUES (?, ?)')
  const imagesOf = db.prepare('SELECT cache_key FROM task_images WHERE task_seq = ?').pluck()
  const deleteImages = db.prepare('DELETE FROM task_images WHERE task_seq = ?')
  const deleteTask = db.prepare('DELETE FROM tasks WHERE seq = ?')

  const nextSeq = (createdAt: number): number => {
    const base = Math.max(0, Math.floor(createdAt)) * seqPerMillisecond
    const last = lastSeqInSlot.get(base, base + seqPerMillisecond) as number | null
    if (last === null) return base
    if (last + 1 < base + seqPerMillisecond) return last + 1
    // More than 1024 tasks in one millisecond (only an import can do that): take the next gap.
    return firstFreeAfter.get(base) as number
  }
  const columns = (seq: number, record: TaskRecord) => ({
    seq,
    id: record.id,
    kind: record.kind,
    status: record.status,
    profileId: record.profileId,
    // Tools and custom requests name no checkpoint: '' keeps the NOT NULL column and its index.
    checkpoint: isSdTask(record) ? record.params.alwayson_scripts.sd_model_checkpoint : '',
    vae: isSdTask(record) ? (record.params.alwayson_scripts.sd_vae ?? null) : null,
    createdAt: Math.floor(record.createdAt),
    updatedAt: Math.floor(record.updatedAt),
  })
  const indexText = (seq: number, record: TaskRecord) => {
    const { prompt, negative } = taskText(record)
    insertSearch.run(seq, searchableText(prompt), searchableText(negative))
  }
  const indexImages = (seq: number, record: TaskRecord) => {
    for (const key of cacheKeysOf(record)) insertImage.run(seq, key)
  }
  return {
    insert(record) {
      const seq = nextSeq(record.createdAt)
      insertTask.run(columns(seq, record))
      writeBody.run(seq, encodeRecord(record))
      indexText(seq, record)
      indexImages(seq, record)
      ledger.recorded(seq, record)
      return seq
    },
    replace(seq, record, previous) {
      updateTask.run(columns(seq, record))
      writeBody.run(seq, encodeRecord(record))
      // Most updates are status changes: the index is touched only when what it holds changed.
      const text = taskText(record)
      const before = taskText(previous)
      if (text.prompt !== before.prompt || text.negative !== before.negative) {
        deleteSearch.run(seq)
        indexText(seq, record)
      }
      if (cacheKeysOf(record).join() !== cacheKeysOf(previous).join()) {
        deleteImages.run(seq)
        indexImages(seq, record)
      }
      ledger.recorded(seq, record, previous)
    },
    remove(seq, record) {
      const keys = imagesOf.all(seq) as string[]
      ledger.removed(seq, record)
      deleteSearch.run(seq)
      deleteImages.run(seq)
      deleteBody.run(seq)
      deleteTask.run(seq)
      return keys
    },
  }
}

/**
 * Builds the search index again from the records (it holds nothing else): the repair for damage
 * inside FTS5's own records, which passes every b-tree check and shows only when a search or a
 * merge reads it. Writers' prepared statements re-prepare themselves against the new table.
 */
export function rebuildSearchIndex(db: Database): void {
  db.transaction(() => {
    db.exec('DROP TABLE IF EXISTS tasks_search')
    db.exec(searchTable)
    const insert = db.prepare('INSERT INTO tasks_search (rowid, prompt, negative_prompt) VALUES (?, ?, ?)')
    // In pages: a connection cannot write while one of its statements is still iterating.
    const page = db.prepare('SELECT seq, body FROM task_bodies WHERE seq > ? ORDER BY seq LIMIT 500')
    for (let after = -1; ;) {
      const rows = page.all(after) as { seq: number; body: Buffer }[]
      for (const { seq, body } of rows) {
        const text = taskText(decodeRecord(body))
        insert.run(seq, searchableText(text.prompt), searchableText(text.negative))
      }
      const last = rows.at(-1)
      if (!last) return
      after = last.seq
    }
  }).immediate()
}
