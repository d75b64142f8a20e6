import Database from 'better-sqlite3'
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs'
import { basename, join } from 'node:path'
import { AppError, type HistoryRecovery, type TaskRecord } from '#contract'
import type { Logger } from '../logger'
import {
  applyPragmas,
  checkedTables,
  createSchema,
  createTaskWriter,
  historySchemaVersion,
} from './history-db'
import { acquireLockFile } from './lock-file'
import { salvageRecords } from './salvage'

export interface HistoryFiles {
  readonly dataDir: string
  readonly clock: () => number
  readonly logger: Logger
}

export interface OpenedHistory {
  readonly db: Database.Database
  /** Closes the database and gives the lock up. */
  close(): void
}

export const pendingRecoveryKey = 'pending_recovery'

const sidecars = ['', '-wal', '-shm'] as const

function syncDirectorySync(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Directory fsync is unsupported on this platform (Windows); the rename is the best we have.
  }
}

const removeWithSidecars = (path: string) =>
  sidecars.forEach((suffix) => rmSync(path + suffix, { force: true }))

const sqliteCode = (error: unknown): string => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : ''
}

const isCorruption = (error: unknown) => {
  const code = sqliteCode(error)
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ'
}

/** `PRAGMA quick_check` of each ordinary table and its indexes; empty when all is well. */
function integrityProblems(db: Database.Database): string[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all())
  return checkedTables
    .filter((table) => present.has(table))
    .flatMap((table) =>
      (db.pragma(`quick_check(${table})`) as { quick_check: string }[]).map((row) => row.quick_check),
    )
    .filter((message) => message !== 'ok')
}

/**
 * Whether the writer's statements prepare and the search index answers: FTS5 reads its config and
 * structure records only then, so damage there passes the b-tree check and would otherwise fail
 * the first write with SQLITE_CORRUPT, at every start. Throws what is not damage.
 */
function writable(db: Database.Database): boolean {
  try {
    createSchema(db)
    createTaskWriter(db, 'check')
    db.prepare("SELECT rowid FROM tasks_search WHERE tasks_search MATCH 'check' LIMIT 1").all()
    return true
  } catch (error) {
    if (isCorruption(error)) return false
    throw error
  }
}

/**
 * Opens and checks the file. Damage answers 'corrupt'; anything else that goes wrong (a locked
 * file, no permission, a full disk) is thrown as such, so a healthy history is never moved aside.
 */
function openChecked(path: string): Database.Database | 'corrupt' {
  let db: Database.Database | undefined
  try {
    // No long busy wait: only another app instance can hold the file, and then waiting is pointless.
    db = new Database(path, { timeout: 250 })
    applyPragmas(db)
    if ((db.pragma('user_version', { simple: true }) as number) > historySchemaVersion) {
      throw new AppError('conflict', 'The history was written by a newer version of the app.')
    }
    if (integrityProblems(db).length === 0 && writable(db)) return db
    db.close()
    return 'corrupt'
  } catch (error) {
    db?.close()
    if (error instanceof AppError) throw error
    if (isCorruption(error)) return 'corrupt'
    const code = sqliteCode(error)
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new AppError(
        'storage_locked',
        'The history is in use by another copy of the app. Close it, then try again.',
      )
    }
    throw new AppError('io', 'The history file cannot be opened.', { reason: code || 'unknown' })
  }
}

/**
 * A torn file ends in a partial page, which SQLite zero-fills and may then read as cells of
 * nonsense; cutting the copy back to whole pages leaves only what was really written.
 */
function dropPartialPage(path: string): void {
  const header = Buffer.alloc(18)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  if (header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return
  const stored = header.readUInt16BE(16)
  const pageSize = stored === 1 ? 65_536 : stored
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return
  const size = statSync(path).size
  if (size % pageSize !== 0) truncateSync(path, size - (size % pageSize))
}

/** Copies every readable task of the damaged file into `target`, a fresh database. */
function rebuildInto(
  target: string,
  damagedCopy: string,
  files: HistoryFiles,
  keptAs: string,
): HistoryRecovery {
  removeWithSidecars(target)
  const fresh = new Database(target)
  try {
    applyPragmas(fresh)
    createSchema(fresh)
    // A rebuild only inserts, so it never writes upload notes: any run id will do.
    const writer = createTaskWriter(fresh, 'recovery')
    let batch: TaskRecord[] = []
    const flush = () => {
      const records = batch
      batch = []
      fresh.transaction(() => records.forEach((record) => writer.insert(record)))()
    }
    const result = salvageRecords(damagedCopy, (record) => {
      batch.push(record)
      if (batch.length >= 500) flush()
    })
    flush()
    const report: HistoryRecovery = { at: files.clock(), keptAs: basename(keptAs), ...result }
    fresh
      .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
      .run(pendingRecoveryKey, JSON.stringify(report))
    return report
  } finally {
    fresh.close()
  }
}

/**
 * Recovery in an order a crash at any step cannot turn into an empty history: salvage from a copy
 * into `history.recovering.db`, then move the damaged file (and its -wal/-shm) aside, then rename
 * the rebuilt one into place. A start-up that finds `history.recovering.db` finishes the swap.
 */
function recover(paths: ReturnType<typeof historyPaths>, files: HistoryFiles): HistoryRecovery {
  const stamp = new Date(files.clock()).toISOString().replace(/[:.]/g, '-')
  const keptAs = join(files.dataDir, `history.corrupt-${stamp}.db`)
  removeWithSidecars(paths.salvage)
  for (const suffix of ['', '-wal'] as const) {
    if (existsSync(paths.db + suffix)) copyFileSync(paths.db + suffix, paths.salvage + suffix)
  }
  if (existsSync(paths.salvage)) dropPartialPage(paths.salvage)
  const report = rebuildInto(paths.recovering, paths.salvage, files, keptAs)
  removeWithSidecars(paths.salvage)
  for (const suffix of sidecars) {
    if (existsSync(paths.db + suffix)) renameSync(paths.db + suffix, keptAs + suffix)
  }
  renameSync(paths.recovering, paths.db)
  syncDirectorySync(files.dataDir)
  files.logger.warn('history.recovered', {
    keptAs: report.keptAs,
    recovered: report.recovered,
    lost: report.lost,
  })
  return report
}

/**
 * Whether another connection holds the history: every holder keeps an exclusive lock on it
 * (applyPragmas), which the kernel drops when the holder dies, so this cannot be fooled by a pid
 * reused after a reboot.
 */
function databaseHeld(path: string): boolean {
  if (!existsSync(path)) return false
  let db: Database.Database | undefined
  try {
    db = new Database(path, { timeout: 0, fileMustExist: true })
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN IMMEDIATE')
    db.exec('ROLLBACK')
    return false
  } catch (error) {
    const code = sqliteCode(error)
    return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
  } finally {
    db?.close()
  }
}

const historyPaths = (dataDir: string) => ({
  db: join(dataDir, 'history.db'),
  lock: join(dataDir, 'history.lock'),
  recovering: join(dataDir, 'history.recovering.db'),
  salvage: join(dataDir, 'history.salvage.db'),
})

function finishInterruptedRecovery(paths: ReturnType<typeof historyPaths>, dataDir: string): void {
  removeWithSidecars(paths.salvage)
  if (!existsSync(paths.recovering)) return
  // Renamed only after it was complete and closed; if the damaged file is still there, start over.
  if (existsSync(paths.db)) {
    removeWithSidecars(paths.recovering)
    return
  }
  renameSync(paths.recovering, paths.db)
  syncDirectorySync(dataDir)
}

/**
 * Takes the lock, opens `history.db`, checks it, and recovers it when damaged (never resets it).
 * Throws `storage_locked` when another instance holds it.
 */
export function openHistoryDatabase(files: HistoryFiles): OpenedHistory {
  const paths = historyPaths(files.dataDir)
  mkdirSync(files.dataDir, { recursive: true })
  const lock = acquireLockFile(paths.lock, files.clock, () => databaseHeld(paths.db))
  try {
    finishInterruptedRecovery(paths, files.dataDir)
    let db = openChecked(paths.db)
    if (db === 'corrupt') {
      recover(paths, files)
      db = openChecked(paths.db)
      if (db === 'corrupt') throw new AppError('storage_corrupt', 'The rebuilt history failed its check.')
    }
    createSchema(db)
    const opened = db
    return {
      db: opened,
      close() {
        opened.close()
        lock.release()
      },
    }
  } catch (error) {
    lock.release()
    throw error
  }
}
