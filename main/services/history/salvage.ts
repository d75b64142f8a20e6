import Database from 'better-sqlite3'
import type { TaskRecord } from '#contract'
import { seqPerMillisecond, storableRecordSchema } from './history-db'
import { decodeRecordText } from './record-codec'

export interface SalvageResult {
  readonly recovered: number
  /** Rows known to exist that could not be read; null when the file is too damaged to tell. */
  readonly lost: number | null
}

type Row = { seq: number; body: Buffer }

/** Runs a read that may hit a damaged page; whatever was read before the damage is kept. */
function readUntilDamage<T>(read: (take: (value: T) => void) => void): T[] {
  const out: T[] = []
  try {
    read((value) => out.push(value))
  } catch {
    // The damage ends this pass; other passes reach the rows beyond it.
  }
  return out
}

/**
 * Every record reachable in the bodies b-tree: a forward walk that, on hitting a damaged page,
 * seeks ever further past it (the damaged leaf's range is unknown) and walks on from the next row.
 */
function walkBodies(db: Database.Database, take: (row: Row) => void): void {
  const from = db.prepare('SELECT seq, body FROM task_bodies WHERE seq > ? ORDER BY seq')
  const last = readUntilDamage<number>((push) =>
    push(db.prepare('SELECT max(seq) FROM task_bodies').pluck().get() as number),
  )[0]
  let after = -1
  for (let guard = 0; guard < 10_000; guard += 1) {
    const rows = readUntilDamage<Row>((push) => {
      for (const row of from.iterate(after) as IterableIterator<Row>) push(row)
    })
    for (const row of rows) take(row)
    after = rows.at(-1)?.seq ?? after
    const resumeAt = seekPastDamage(db, after, last)
    if (resumeAt === null) return
    after = resumeAt - 1
  }
}

function seekPastDamage(db: Database.Database, after: number, last: number | undefined): number | null {
  const next = db.prepare('SELECT seq FROM task_bodies WHERE seq > ? ORDER BY seq LIMIT 1').pluck()
  for (let jump = 1; jump <= 2 ** 62; jump *= 2) {
    const probe = after + jump * seqPerMillisecond
    if (last !== undefined && probe > last) return null
    const found = readUntilDamage<number>((push) => {
      const seq = next.get(probe) as number | undefined
      if (seq !== undefined) push(seq)
    })
    if (found.length > 0) return found[0] ?? null
    if (last === undefined && jump > 2 ** 40) return null
  }
  return null
}

/** Row ids named by the indexes and side tables, which may be intact where the table is not. */
function knownSeqs(db: Database.Database): Set<number> {
  const sources = [
    'SELECT seq FROM task_bodies ORDER BY seq DESC',
    'SELECT seq FROM tasks ORDER BY seq',
    'SELECT seq FROM tasks ORDER BY seq DESC',
    'SELECT seq FROM tasks INDEXED BY tasks_by_status ORDER BY status',
    'SELECT seq FROM tasks INDEXED BY tasks_by_updated ORDER BY updated_at',
    'SELECT seq FROM tasks INDEXED BY tasks_by_checkpoint ORDER BY checkpoint',
    'SELECT id FROM tasks_search_docsize',
    'SELECT DISTINCT task_seq FROM task_images',
  ]
  const seqs = new Set<number>()
  for (const sql of sources) {
    for (const seq of readUntilDamage<number>((push) => {
      for (const value of db.prepare(sql).pluck().iterate() as IterableIterator<number>) push(value)
    })) {
      seqs.add(seq)
    }
  }
  return seqs
}

const parseRecord = (body: Buffer): TaskRecord | null => {
  try {
    const checked = storableRecordSchema.safeParse(JSON.parse(decodeRecordText(body)))
    return checked.success ? checked.data : null
  } catch {
    return null
  }
}

/**
 * Row-by-row salvage of a damaged history file: walks the records around damaged pages, then
 * fetches one by one the rows only the other tables and indexes still name. Every record is schema-checked before
 * it is handed to `keep`. Reads only; the file is a copy the caller throws away.
 */
export function salvageRecords(path: string, keep: (record: TaskRecord) => void): SalvageResult {
  let db: Database.Database
  try {
    db = new Database(path, { fileMustExist: true })
    // A torn file is shorter than its header says; SQLite then refuses it unless the schema is
    // "writable", which makes it trust the real file size (what sqlite3's .recover does). Nothing
    // is written: this connection only reads, from a copy.
    db.unsafeMode(true)
    db.pragma('writable_schema = ON')
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
  } catch {
    return { recovered: 0, lost: null }
  }
  try {
    const seen = new Set<number>()
    const keptIds = new Set<string>()
    let unreadable = 0
    const consider = (row: Row) => {
      if (seen.has(row.seq)) return
      seen.add(row.seq)
      const record = parseRecord(row.body)
      if (record === null || keptIds.has(record.id)) {
        unreadable += record === null ? 1 : 0
        return
      }
      keptIds.add(record.id)
      keep(record)
    }
    walkBodies(db, consider)
    const bySeq = db.prepare('SELECT seq, body FROM task_bodies WHERE seq = ?')
    const known = knownSeqs(db)
    for (const seq of known) {
      if (seen.has(seq)) continue
      const row = readUntilDamage<Row>((push) => {
        const found = bySeq.get(seq) as Row | undefined
        if (found) push(found)
      })[0]
      if (row) consider(row)
      else unreadable += 1
    }
    const tableReadable = readUntilDamage<boolean>((push) => {
      db.prepare('SELECT seq FROM task_bodies LIMIT 1').get()
      push(true)
    })
    const countable = seen.size > 0 || known.size > 0 || tableReadable.length > 0
    return { recovered: keptIds.size, lost: countable ? unreadable : null }
  } finally {
    db.close()
  }
}
