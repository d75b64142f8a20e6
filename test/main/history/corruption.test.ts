import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError, type TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'

const taskCount = 300

const keptAsideFiles = (dir: string) =>
  readdirSync(dir).filter((name) => /^history\.corrupt-.*\.db$/.test(name))

describe('history recovery (SECURITY.md #22)', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  /** A closed history of `taskCount` tasks with incompressible prompts, so they span many pages. */
  async function historyWithTasks(): Promise<{ dir: string; db: string; records: Map<string, TaskRecord> }> {
    const dir = await tempDir()
    const store = openStore(dir)
    const records = new Map<string, TaskRecord>()
    for (let index = 0; index < taskCount; index += 1) {
      const record = makeTaskRecord({
        prompt: `lighthouse on a cliff ${randomBytes(200).toString('base64')}`,
      })
      store.insert(record)
      records.set(record.id, record)
    }
    store.close()
    return { dir, db: join(dir, 'history.db'), records }
  }

  function expectRecoveredExactly(store: ReturnType<typeof openStore>, records: Map<string, TaskRecord>) {
    const page = store.query({ limit: 500 })
    for (const item of page.items) expect(item).toEqual(records.get(item.id))
    return page
  }

  it('recovers every task of a file with a garbage page, counts the lost ones and keeps the file', async () => {
    const { dir, db, records } = await historyWithTasks()
    const probe = new Database(db, { readonly: true })
    const leaf = probe
      .prepare(
        "SELECT pageno, ncell FROM dbstat WHERE name = 'task_bodies' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3",
      )
      .get() as { pageno: number; ncell: number }
    const pageSize = probe.pragma('page_size', { simple: true }) as number
    probe.close()
    const original = readFileSync(db)
    const damaged = Buffer.from(original)
    randomBytes(pageSize).copy(damaged, (leaf.pageno - 1) * pageSize)
    writeFileSync(db, damaged)

    const store = openStore(dir, { clock: () => Date.UTC(2025, 0, 2, 3, 4, 5) })
    const report = store.pendingRecovery()
    expect(report).toMatchObject({ recovered: taskCount - leaf.ncell, lost: leaf.ncell })
    expect(report?.keptAs).toBe('history.corrupt-2025-01-02T03-04-05-000Z.db')
    expect(readFileSync(join(dir, report?.keptAs ?? '')).equals(damaged)).toBe(true)
    const page = expectRecoveredExactly(store, records)
    expect(page.total).toBe(taskCount - leaf.ncell)
    expect(store.query({ text: 'lighthouse cliff' }).total).toBe(taskCount - leaf.ncell)
    expect(store.logger.lines.some((line) => line.includes('history.recovered'))).toBe(true)
  })

  it('recovers the complete tasks of a torn (truncated) file and never starts empty', async () => {
    const { dir, db, records } = await historyWithTasks()
    const size = statSync(db).size
    truncateSync(db, Math.floor(size * 0.6))
    const store = openStore(dir)
    const report = store.pendingRecovery()
    expect(report).not.toBeNull()
    expect(report?.recovered).toBeGreaterThan(taskCount / 3)
    expect((report?.recovered ?? 0) + (report?.lost ?? 0)).toBeLessThanOrEqual(taskCount)
    expect(keptAsideFiles(dir)).toHaveLength(1)
    expect(expectRecoveredExactly(store, records).total).toBe(report?.recovered)
  })

  it('keeps a file of pure garbage aside and says the loss could not be counted', async () => {
    const dir = await tempDir()
    const garbage = randomBytes(64 * 1024)
    writeFileSync(join(dir, 'history.db'), garbage)
    const store = openStore(dir)
    expect(store.pendingRecovery()).toMatchObject({ recovered: 0, lost: null })
    const [kept] = keptAsideFiles(dir)
    expect(readFileSync(join(dir, kept ?? '')).equals(garbage)).toBe(true)
    store.insert(makeTaskRecord())
    expect(store.query({}).total).toBe(1)
  })

  it('tells the user once: the report stays until acknowledged, across restarts', async () => {
    const { dir, db } = await historyWithTasks()
    truncateSync(db, Math.floor(statSync(db).size / 2))
    openStore(dir).close()
    const again = openStore(dir)
    expect(again.pendingRecovery()).not.toBeNull()
    again.acknowledgeRecovery()
    again.close()
    expect(openStore(dir).pendingRecovery()).toBeNull()
    expect(keptAsideFiles(dir)).toHaveLength(1)
  })

  it('finishes a recovery that was cut off between moving the damaged file aside and the swap', async () => {
    const { dir, db } = await historyWithTasks()
    truncateSync(db, Math.floor(statSync(db).size / 2))
    const recovered = openStore(dir)
    const expected = recovered.query({ limit: 500 })
    recovered.close()
    const crashed = await tempDir()
    copyFileSync(join(dir, 'history.db'), join(crashed, 'history.recovering.db'))
    const store = openStore(crashed)
    expect(store.pendingRecovery()).not.toBeNull()
    expect(store.query({ limit: 500 })).toEqual(expected)
    expect(existsSync(join(crashed, 'history.recovering.db'))).toBe(false)
  })

  it('reports a file it cannot open as an I/O error and moves nothing', async () => {
    const dir = await tempDir()
    mkdirSync(join(dir, 'history.db'))
    let caught: unknown
    try {
      openStore(dir)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AppError)
    expect((caught as AppError).code).toBe('io')
    expect(statSync(join(dir, 'history.db')).isDirectory()).toBe(true)
    expect(keptAsideFiles(dir)).toEqual([])
    expect(existsSync(join(dir, 'history.lock'))).toBe(false)
  })
})
