import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { taskText, type TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'

/*
 * A generated corpus of damaged histories (SECURITY.md #22, issue 14 item 6): a real history with
 * each page zeroed in turn, cut at every page boundary, and overwritten with random bytes. Every
 * variant must open, hold only records that were written (unchanged), keep every record whose
 * own page survived, keep the damaged file aside, and take new writes and searches afterwards.
 */

const taskCount = 150

interface Original {
  readonly dir: string
  readonly bytes: Buffer
  readonly pageSize: number
  readonly records: Map<string, TaskRecord>
  /** For each page number, the ids of the records whose body cells sit on that leaf page. */
  readonly bodyLeaves: Map<number, string[]>
}

describe('every damaged history recovers (corpus)', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  async function original(): Promise<Original> {
    const dir = await tempDir()
    const store = openStore(dir)
    const records = new Map<string, TaskRecord>()
    for (let index = 0; index < taskCount; index += 1) {
      const record = makeTaskRecord({
        prompt: `harbour lantern ${index} ${randomBytes(24).toString('hex')}`,
        status: index % 7 === 0 ? 'running' : 'succeeded',
      })
      store.insert(record)
      records.set(record.id, record)
    }
    store.close()
    const file = join(dir, 'history.db')
    const probe = new Database(file, { readonly: true })
    const pageSize = probe.pragma('page_size', { simple: true }) as number
    const seqToId = new Map(
      (probe.prepare('SELECT seq, id FROM tasks').all() as { seq: number; id: string }[]).map((row) => [
        row.seq,
        row.id,
      ]),
    )
    const bodyLeaves = new Map<number, string[]>()
    const pages = probe
      .prepare("SELECT pageno FROM dbstat WHERE name = 'task_bodies' AND pagetype = 'leaf' ORDER BY pageno")
      .pluck()
      .all() as number[]
    expect(pages.length).toBeGreaterThan(3)
    const bytes = readFileSync(file)
    for (const page of pages)
      bodyLeaves.set(
        page,
        leafRowids(bytes, page, pageSize).map((seq) => seqToId.get(seq) ?? ''),
      )
    probe.close()
    return { dir, bytes, pageSize, records, bodyLeaves }
  }

  async function variant(damaged: Buffer): Promise<string> {
    const dir = await tempDir()
    writeFileSync(join(dir, 'history.db'), damaged)
    return dir
  }

  function checkRecovered(base: Original, dir: string, mustKeep: readonly string[], label: string) {
    const store = openStore(dir)
    const page = store.query({ limit: 500 })
    for (const item of page.items) expect(item, label).toEqual(base.records.get(item.id))
    const kept = new Set(page.items.map((item) => item.id))
    expect(
      mustKeep.filter((id) => !kept.has(id)),
      label,
    ).toEqual([])
    const report = store.pendingRecovery()
    if (report) {
      expect(readdirSync(dir), label).toContain(report.keptAs)
      expect(report.recovered, label).toBe(page.total)
    }
    // The writer and the search index work afterwards.
    const fresh = makeTaskRecord({ prompt: 'a brand new lighthouse' })
    store.insert(fresh)
    store.update(fresh.id, { status: 'failed' })
    expect(
      store.query({ text: 'lighthouse' }).items.map((item) => item.id),
      label,
    ).toContain(fresh.id)
    const survivor = page.items[0]
    if (survivor) {
      const words = taskText(survivor).prompt.split(' ').slice(0, 3).join(' ')
      expect(
        store.query({ text: words }).items.map((item) => item.id),
        label,
      ).toContain(survivor.id)
    }
    store.close()
  }

  /** The records whose body leaf is not a `lost` page. */
  const survivorsOf = (base: Original, lost: (page: number) => boolean) =>
    [...base.bodyLeaves].filter(([page]) => !lost(page)).flatMap(([, ids]) => ids)

  it('recovers from each page zeroed in turn', async () => {
    const base = await original()
    const pageCount = base.bytes.length / base.pageSize
    for (let page = 1; page <= pageCount; page += 1) {
      const damaged = Buffer.from(base.bytes)
      damaged.fill(0, (page - 1) * base.pageSize, page * base.pageSize)
      checkRecovered(
        base,
        await variant(damaged),
        survivorsOf(base, (p) => p === page),
        `page ${page}`,
      )
    }
  }, 120_000)

  it('recovers from a cut at every page boundary', async () => {
    const base = await original()
    const pageCount = base.bytes.length / base.pageSize
    for (let pages = 0; pages < pageCount; pages += 1) {
      const damaged = Buffer.from(base.bytes.subarray(0, pages * base.pageSize))
      const survivors = survivorsOf(base, (page) => page > pages)
      checkRecovered(base, await variant(damaged), survivors, `cut after page ${pages}`)
    }
  }, 120_000)

  it('rebuilds a search index whose records are damaged though its pages are sound', async () => {
    const base = await original()
    const probe = new Database(join(base.dir, 'history.db'), { readonly: true })
    const rows = probe.prepare('SELECT id, length(block) AS size FROM tasks_search_data').all() as {
      id: number
      size: number
    }[]
    probe.close()
    for (const row of rows) {
      const dir = await variant(base.bytes)
      const db = new Database(join(dir, 'history.db'))
      db.unsafeMode(true)
      db.prepare('UPDATE tasks_search_data SET block = ? WHERE id = ?').run(randomBytes(row.size), row.id)
      db.close()
      checkRecovered(
        base,
        dir,
        survivorsOf(base, () => false),
        `search record ${row.id}`,
      )
    }
  }, 120_000)

  it('recovers from random bytes over the header, a page, or the whole file', async () => {
    const base = await original()
    const overHeader = Buffer.from(base.bytes)
    randomBytes(100).copy(overHeader, 0)
    const overPage = Buffer.from(base.bytes)
    const [leaf] = [...base.bodyLeaves.keys()]
    randomBytes(base.pageSize).copy(overPage, ((leaf ?? 2) - 1) * base.pageSize)
    const cases: [string, Buffer, string[]][] = [
      ['random header', overHeader, survivorsOf(base, () => false)],
      ['random leaf', overPage, survivorsOf(base, (p) => p === leaf)],
      ['random file', randomBytes(base.bytes.length), []],
    ]
    for (const [label, damaged, mustKeep] of cases)
      checkRecovered(base, await variant(damaged), mustKeep, label)
    // A 4 KiB stump (`truncate -s 4096`) too.
    const dir = await tempDir()
    copyFileSync(join(base.dir, 'history.db'), join(dir, 'history.db'))
    writeFileSync(join(dir, 'history.db'), base.bytes.subarray(0, 4096))
    checkRecovered(base, dir, [], 'truncate -s 4096')
  }, 120_000)
})

/** The rowids of a table-leaf page's cells, read straight from the file. */
function leafRowids(file: Buffer, page: number, pageSize: number): number[] {
  const start = (page - 1) * pageSize
  const header = start + (page === 1 ? 100 : 0)
  const cells = file.readUInt16BE(header + 3)
  const out: number[] = []
  for (let cell = 0; cell < cells; cell += 1) {
    let at = start + file.readUInt16BE(header + 8 + cell * 2)
    at = readVarint(file, at).next
    out.push(readVarint(file, at).value)
  }
  return out
}

function readVarint(bytes: Buffer, at: number): { value: number; next: number } {
  let value = 0n
  for (let index = 0; index < 9; index += 1) {
    const byte = bytes[at + index] ?? 0
    if (index === 8) return { value: Number((value << 8n) | BigInt(byte)), next: at + 9 }
    value = (value << 7n) | BigInt(byte & 0x7f)
    if (byte < 0x80) return { value: Number(value), next: at + index + 1 }
  }
  return { value: Number(value), next: at + 9 }
}
