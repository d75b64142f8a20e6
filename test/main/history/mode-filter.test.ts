import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { makeImageTaskRecord, makeTaskInput } from './fixtures/image-task-records'
import { cacheKeyFor, makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'

const source = (name: string) =>
  makeTaskInput({ role: 'source', url: `https://inputs.example/${name}.png`, cacheKey: cacheKeyFor(name) })

/** Three text tasks, two img2img, one inpaint (one failed), one ControlNet, one second apart. */
function mixedTasks() {
  let at = 1_700_000_000_000
  const next = () => ({ createdAt: (at += 1000), prompt: 'a red scarf in the snow' })
  return [
    makeTaskRecord(next()),
    makeImageTaskRecord('image2image', [source('a1')], next()),
    makeTaskRecord({ ...next(), status: 'failed' }),
    makeImageTaskRecord('inpaint', [source('b2')], { ...next(), status: 'failed' }),
    makeImageTaskRecord('controlnet', [{ ...source('c3'), role: 'control', unit: 0 }], {
      ...next(),
      prompt: 'a lighthouse',
    }),
    makeImageTaskRecord('image2image', [source('d4')], { ...next(), checkpoint: 'anime.safetensors' }),
    makeTaskRecord(next()),
  ]
}

const planOf = (dir: string, sql: string) => {
  const db = new Database(join(dir, 'history.db'), { readonly: true })
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail)
  } finally {
    db.close()
  }
}

describe('history: the mode filter', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  it('combines with the other filters, the search and the sort', async () => {
    const store = openStore(await tempDir())
    const tasks = mixedTasks()
    tasks.forEach((record) => store.insert(record))
    const ids = (query: Parameters<typeof store.query>[0]) => store.query(query).items.map((item) => item.id)
    const [t1, i1, t2, p1, c1, i2, t3] = tasks.map((record) => record.id)

    expect(ids({ kind: ['image2image'] })).toEqual([i2, i1])
    expect(ids({ kind: ['text2image'], status: ['failed'] })).toEqual([t2])
    expect(ids({ kind: ['image2image', 'inpaint'], status: ['failed'] })).toEqual([p1])
    expect(ids({ kind: ['image2image'], checkpoint: 'anime.safetensors' })).toEqual([i2])
    expect(ids({ kind: ['controlnet'], text: 'lighthouse' })).toEqual([c1])
    expect(ids({ kind: ['controlnet'], text: 'scarf' })).toEqual([])
    expect(ids({ kind: ['text2image'], direction: 'asc' })).toEqual([t1, t2, t3])
    expect(ids({ kind: ['text2image'], profileId: 'profile-main', sort: 'updatedAt' })).toEqual([t3, t2, t1])
    // Paging by cursor stays within the mode.
    const first = store.query({ kind: ['image2image', 'inpaint', 'controlnet'], limit: 2 })
    expect(first.total).toBe(4)
    const rest = store.query({
      kind: ['image2image', 'inpaint', 'controlnet'],
      cursor: first.nextCursor ?? '',
    })
    expect([...first.items, ...rest.items].map((item) => item.id)).toEqual([i2, c1, p1, i1])
  })

  it('gives a history made before the mode index that index on open, keeping every task', async () => {
    const dir = await tempDir()
    const tasks = mixedTasks()
    const before = openStore(dir)
    tasks.forEach((record) => before.insert(record))
    before.close()
    const old = new Database(join(dir, 'history.db'))
    old.exec('DROP INDEX tasks_by_kind')
    old.close()
    expect(planOf(dir, "SELECT count(*) FROM tasks WHERE kind IN ('controlnet')")).toEqual(['SCAN tasks'])

    const after = openStore(dir)
    expect(after.query({}).total).toBe(tasks.length)
    expect(after.query({ kind: ['inpaint', 'controlnet'] }).total).toBe(2)
    after.close()
    expect(planOf(dir, "SELECT count(*) FROM tasks WHERE kind IN ('controlnet')")).toEqual([
      'SEARCH tasks USING COVERING INDEX tasks_by_kind (kind=?)',
    ])
  })
})
