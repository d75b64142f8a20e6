import type { Database } from 'better-sqlite3'
import { AppError, type HistoryPage, type HistoryQuery } from '#contract'
import { seqPerMillisecond } from './history-db'
import { decodeRecord } from './record-codec'
import { searchQuery } from './search-text'

type Params = Record<string, string | number>

interface Cursor {
  readonly seq: number
  readonly updatedAt?: number
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url')

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
    const { seq, updatedAt } = (value ?? {}) as Record<string, unknown>
    if (typeof seq === 'number' && (updatedAt === undefined || typeof updatedAt === 'number'))
      return { seq, updatedAt }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('invalid_request', 'The page cursor is not valid.')
}

/**
 * The WHERE clause of a page. With a text search the FTS5 table drives (`s.rowid` is the task's
 * seq), so date bounds and creation-order cursors go to FTS5 as rowid ranges it can skip by.
 */
function filters(query: HistoryQuery, rowid: string): { where: string[]; params: Params } {
  const where: string[] = []
  const params: Params = {}
  const add = (sql: string, values: Params) => {
    where.push(sql)
    Object.assign(params, values)
  }
  if (query.from !== undefined) add(`${rowid} >= @fromSeq`, { fromSeq: query.from * seqPerMillisecond })
  if (query.to !== undefined) add(`${rowid} < @toSeq`, { toSeq: (query.to + 1) * seqPerMillisecond })
  if (query.checkpoint !== undefined) add('t.checkpoint = @checkpoint', { checkpoint: query.checkpoint })
  if (query.vae === '') add('t.vae IS NULL', {})
  else if (query.vae !== undefined) add('t.vae = @vae', { vae: query.vae })
  if (query.profileId !== undefined) add('t.profile_id = @profileId', { profileId: query.profileId })
  const oneOf = (column: string, name: string, values: readonly string[] | undefined) => {
    if (values === undefined) return
    const names = values.map((_, index) => `@${name}${index}`)
    add(
      `${column} IN (${names.join(', ') || 'NULL'})`,
      Object.fromEntries(values.map((value, index) => [`${name}${index}`, value])),
    )
  }
  oneOf('t.status', 'status', query.status)
  // Text-to-image is most of any history: when it is asked for alongside another indexed filter,
  // that filter's index drives ('+' keeps SQLite off tasks_by_kind, which would visit most rows).
  const indexedFilter = [query.status, query.checkpoint, query.vae, query.profileId].some(
    (value) => value !== undefined,
  )
  oneOf(indexedFilter && query.kind?.includes('text2image') ? '+t.kind' : 't.kind', 'kind', query.kind)
  return { where, params }
}

function cursorFilter(query: HistoryQuery, rowid: string): { where: string[]; params: Params } {
  if (query.cursor === undefined) return { where: [], params: {} }
  const cursor = decodeCursor(query.cursor)
  const op = query.direction === 'desc' ? '<' : '>'
  if (query.sort === 'createdAt')
    return { where: [`${rowid} ${op} @cursorSeq`], params: { cursorSeq: cursor.seq } }
  if (cursor.updatedAt === undefined) throw new AppError('invalid_request', 'The page cursor is not valid.')
  return {
    where: [`(t.updated_at, t.seq) ${op} (@cursorUpdated, @cursorSeq)`],
    params: { cursorUpdated: cursor.updatedAt, cursorSeq: cursor.seq },
  }
}

interface PageRow {
  readonly seq: number
  readonly updatedAt: number
  readonly body: Buffer
}

/** Answers pages of the history; never reads more rows than the page (plus one) and the count. */
export function createHistoryQuery(db: Database): (query: HistoryQuery) => HistoryPage {
  const statements = new Map<string, ReturnType<Database['prepare']>>()
  const prepared = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      // Few distinct filter shapes exist; the cache stays small, but bound it anyway.
      if (statements.size > 200) statements.clear()
      statements.set(sql, statement)
    }
    return statement
  }

  return (query) => {
    const match = query.text === undefined ? null : searchQuery(query.text)
    const rowid = match === null ? 't.seq' : 's.rowid'
    const from = match === null ? 'tasks t' : 'tasks_search s CROSS JOIN tasks t ON t.seq = s.rowid'
    const base = filters(query, rowid)
    const params: Params = match === null ? base.params : { ...base.params, match }
    const conditions = match === null ? base.where : ['s.tasks_search MATCH @match', ...base.where]
    const whereSql = (extra: string[]) => {
      const all = [...conditions, ...extra]
      return all.length === 0 ? '' : `WHERE ${all.join(' AND ')}`
    }
    const cursor = cursorFilter(query, rowid)
    const direction = query.direction === 'desc' ? 'DESC' : 'ASC'
    const order =
      query.sort === 'createdAt' ? `${rowid} ${direction}` : `t.updated_at ${direction}, t.seq ${direction}`
    const offset = query.cursor === undefined ? (query.offset ?? 0) : 0
    // The page is chosen on the slim table; only its rows' records are read and decoded.
    const outerOrder =
      query.sort === 'createdAt' ? `p.seq ${direction}` : `p.updatedAt ${direction}, p.seq ${direction}`
    const rows = prepared(
      `SELECT p.seq AS seq, p.updatedAt AS updatedAt, b.body AS body
       FROM (SELECT t.seq AS seq, t.updated_at AS updatedAt FROM ${from} ${whereSql(cursor.where)}
             ORDER BY ${order} LIMIT @limit OFFSET @offset) p
       JOIN task_bodies b ON b.seq = p.seq ORDER BY ${outerOrder}`,
    ).all({ ...params, ...cursor.params, limit: query.limit + 1, offset }) as PageRow[]
    const countSql =
      match !== null && base.where.every((sql) => sql.startsWith('s.rowid'))
        ? `SELECT count(*) FROM tasks_search s ${whereSql([])}`
        : `SELECT count(*) FROM ${from} ${whereSql([])}`
    const total = prepared(countSql).pluck().get(params) as number
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const more = rows.length > query.limit && last !== undefined
    return {
      items: page.map((row) => decodeRecord(row.body)),
      total,
      nextCursor: more
        ? encodeCursor(
            query.sort === 'createdAt' ? { seq: last.seq } : { seq: last.seq, updatedAt: last.updatedAt },
          )
        : null,
    }
  }
}
