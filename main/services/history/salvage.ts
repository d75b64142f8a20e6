import Database from 'better-sqlite3'
import type { TaskRecord } from '#contract'
import { seqPerMillisecond, storableRecordSchema } from './history-db'
import { decodeRecordText } from './record-codec'
import { scanBodyCells } from './salvage-pages'

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
  // Preparing reads the schema, which may itself be damaged: the caller's guard catches that.
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

interface SqlPass {
  /** Rows known to exist (named by a table or an index) that could not be read. */
  readonly missing: Set<number>
  /** Rows read whose body did not decode to a valid record. */
  readonly unreadable: number
  /** Whether the pass could tell how many rows there were. */
  readonly countable: boolean
}

/** The records SQLite can still reach through the file's schema and b-trees. */
function sqlPass(db: Database.Database, consider: (row: Row) => boolean): SqlPass {
  const seen = new Set<number>()
  const missing = new Set<number>()
  let unreadable = 0
  const take = (row: Row) => {
    if (seen.has(row.seq)) return
    seen.add(row.seq)
    if (!consider(row)) unreadable += 1
  }
  readUntilDamage<never>(() => walkBodies(db, take))
  const known = readUntilDamage<Set<number>>((push) => push(knownSeqs(db)))[0] ?? new Set<number>()
  const bySeq = readUntilDamage<Database.Statement>((push) =>
    push(db.prepare('SELECT seq, body FROM task_bodies WHERE seq = ?')),
  )[0]
  for (const seq of known) {
    if (seen.has(seq)) continue
    const row = readUntilDamage<Row>((push) => {
      const found = bySeq?.get(seq) as Row | undefined
      if (found) push(found)
    })[0]
    if (row) take(row)
    else missing.add(seq)
  }
  const tableReadable = readUntilDamage<boolean>((push) => {
    db.prepare('SELECT seq FROM task_bodies LIMIT 1').get()
    push(true)
  })
  return { missing, unreadable, countable: seen.size > 0 || known.size > 0 || tableReadable.length > 0 }
}

function openForSalvage(path: string): Database.Database | null {
  let db: Database.Database | undefined
  try {
    db = new Database(path, { fileMustExist: true })
    // A torn file is shorter than its header says; SQLite then refuses it unless the schema is
    // "writable", which makes it trust the real file size (what sqlite3's .recover does). Nothing
    // is written: this connection only reads, from a copy.
    db.unsafeMode(true)
    db.pragma('writable_schema = ON')
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    return db
  } catch {
    db?.close()
    return null
  }
}

/**
 * Salvage of a damaged history: first through SQLite (walking the records around damaged pages,
 * then fetching one by one the rows only the other tables and indexes still name), then by reading
 * the file's pages directly (salvage-pages.ts) for what SQLite cannot reach: a lost header or
 * schema page, a damaged inner page of the b-tree. Every record is schema-checked before it is
 * handed to `keep`; of several copies of one task, the newest wins. Reads only; the file is a copy
 * the caller throws away.
 */
export function salvageRecords(path: string, keep: (record: TaskRecord) => void): SalvageResult {
  const keptIds = new Set<string>()
  const consider = (row: Row): boolean => {
    const record = parseRecord(row.body)
    if (record === null) return false
    if (!keptIds.has(record.id)) {
      keptIds.add(record.id)
      keep(record)
    }
    return true
  }
  const db = openForSalvage(path)
  let pass: SqlPass | null = null
  if (db) {
    try {
      pass = sqlPass(db, consider)
    } finally {
      db.close()
    }
  }
  const found = new Map<string, { seq: number; record: TaskRecord }>()
  readUntilDamage<never>(() =>
    scanBodyCells(path, (cell) => {
      const record = parseRecord(cell.body)
      if (record === null || keptIds.has(record.id)) return
      const earlier = found.get(record.id)
      if (!earlier || earlier.record.updatedAt < record.updatedAt)
        found.set(record.id, { seq: cell.seq, record })
    }),
  )
  for (const { seq, record } of found.values()) {
    pass?.missing.delete(seq)
    keptIds.add(record.id)
    keep(record)
  }
  const lost = pass?.countable ? pass.missing.size + pass.unreadable : null
  return { recovered: keptIds.size, lost }
}
