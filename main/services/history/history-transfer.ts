import type { Database } from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError, type HistoryExportFormat, type HistoryImportResult, type TaskRecord } from '#contract'
import { syncDirectory } from '../fs/atomic-write'
import { csvToCandidates, recordsToCsv, type CsvCandidate } from './history-csv'
import { storableRecordSchema, type TaskWriter } from './history-db'
import { decodeRecordText } from './record-codec'
import { exportedRecordText, importedRecord } from './transfer-inputs'

const pageSize = 500
const maxReportedErrors = 1000

/**
 * Pages of stored records (JSON text) in creation order; each page is a fresh query, so other
 * reads and writes may run between pages.
 */
function* recordPages(db: Database, ids: readonly string[] | 'all'): Generator<string[]> {
  if (ids === 'all') {
    const next = db.prepare('SELECT seq, body FROM task_bodies WHERE seq > ? ORDER BY seq LIMIT ?')
    let after = -1
    for (;;) {
      const rows = next.all(after, pageSize) as { seq: number; body: Buffer }[]
      if (rows.length === 0) return
      after = rows.at(-1)?.seq ?? after
      yield rows.map((row) => decodeRecordText(row.body))
    }
  }
  const unique = [...new Set(ids)]
  for (let start = 0; start < unique.length; start += pageSize) {
    const chunk = unique.slice(start, start + pageSize)
    const sql = `SELECT b.body FROM tasks t JOIN task_bodies b ON b.seq = t.seq
      WHERE t.id IN (${chunk.map(() => '?').join(',')}) ORDER BY t.seq`
    yield (
      db
        .prepare(sql)
        .pluck()
        .all(...chunk) as Buffer[]
    ).map(decodeRecordText)
  }
}

function* exportChunks(
  db: Database,
  ids: readonly string[] | 'all',
  format: HistoryExportFormat,
): Generator<[string, number]> {
  let first = true
  for (const stored of recordPages(db, ids)) {
    const records = stored.map(exportedRecordText)
    if (format === 'jsonl') yield [records.map((record) => `${record}\n`).join(''), records.length]
    else
      yield [
        recordsToCsv(
          records.map((record) => JSON.parse(record) as TaskRecord),
          first,
        ),
        records.length,
      ]
    first = false
  }
  // A CSV of nothing still names its columns.
  if (first && format === 'csv') yield [recordsToCsv([], true), 0]
}

export interface ExportResult {
  readonly count: number
  /** The export itself, when no file path was given. */
  readonly text?: string
}

/**
 * Writes the export page by page. To a file it goes to a temp file beside the target, fsynced and
 * renamed over it, so a crash leaves the old file or the new one, never half of one.
 */
export async function exportRecords(
  db: Database,
  ids: readonly string[] | 'all',
  format: HistoryExportFormat,
  path?: string,
): Promise<ExportResult> {
  let count = 0
  if (path === undefined) {
    const parts: string[] = []
    for (const [text, records] of exportChunks(db, ids, format)) {
      parts.push(text)
      count += records
    }
    return { count, text: parts.join('') }
  }
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const file = await open(temp, 'w', 0o600)
  try {
    for (const [text, records] of exportChunks(db, ids, format)) {
      await file.write(text)
      count += records
    }
    await file.sync()
    await file.close()
    await rename(temp, path)
    await syncDirectory(dirname(path))
    return { count }
  } catch {
    await file.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw new AppError('io', 'The export file could not be written.')
  }
}

const describeProblem = (error: { issues: readonly { path: PropertyKey[]; message: string }[] }) => {
  const issue = error.issues[0]
  const where = issue?.path.map(String).join('.') || 'record'
  return `Not a task record (${where}: ${issue?.message ?? 'invalid'}).`
}

function jsonlCandidates(text: string): CsvCandidate[] {
  const out: CsvCandidate[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    try {
      out.push({ line: index + 1, candidate: JSON.parse(line) })
    } catch {
      out.push({ line: index + 1, error: 'This line is not valid JSON.' })
    }
  })
  return out
}

/**
 * Imports JSONL or CSV: each record is checked on its own; bad lines are reported with their line
 * number and skipped, good ones kept, tasks already in the history (same id) left alone.
 */
export function importRecords(
  db: Database,
  writer: TaskWriter,
  text: string,
  format: HistoryExportFormat,
): HistoryImportResult {
  const candidates = format === 'jsonl' ? jsonlCandidates(text) : csvToCandidates(text)
  const known = db.prepare('SELECT 1 FROM tasks WHERE id = ?').pluck()
  const result = { imported: 0, duplicates: 0, errors: [] as HistoryImportResult['errors'] }
  const report = (line: number, message: string) => {
    if (result.errors.length < maxReportedErrors) result.errors.push({ line, message })
  }
  const importBatch = db.transaction((batch: CsvCandidate[]) => {
    for (const { line, candidate, error } of batch) {
      if (error !== undefined) {
        report(line, error)
        continue
      }
      const checked = storableRecordSchema.safeParse(candidate)
      if (!checked.success) report(line, describeProblem(checked.error))
      else if (known.get(checked.data.id) !== undefined) result.duplicates += 1
      else {
        writer.insert(importedRecord(checked.data))
        result.imported += 1
      }
    }
  })
  for (let start = 0; start < candidates.length; start += pageSize)
    importBatch(candidates.slice(start, start + pageSize))
  return result
}
