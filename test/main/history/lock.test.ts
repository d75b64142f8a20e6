import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { startChildWriter } from './child-writer'
import { makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'

function openError(open: () => unknown): AppError {
  try {
    open()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected the store to refuse to open')
}

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid ?? 0

describe('history single writer (SECURITY.md #24)', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  it('refuses a second opener with storage_locked until the first closes', async () => {
    const dir = await tempDir()
    const first = openStore(dir)
    expect(openError(() => openStore(dir)).code).toBe('storage_locked')
    first.insert(makeTaskRecord())
    first.close()
    expect(openStore(dir).query({}).total).toBe(1)
  })

  it('refuses a store held by another process, then takes the lock over once that process is killed', async () => {
    const dir = await tempDir()
    const holder = startChildWriter(dir, 'hold', 'holder')
    await holder.ready
    const refused = openError(() => openStore(dir))
    expect(refused.code).toBe('storage_locked')
    expect(refused.details).toEqual({ pid: holder.process.pid })
    await holder.kill()
    const store = openStore(dir)
    expect(JSON.parse(readFileSync(join(dir, 'history.lock'), 'utf8'))).toMatchObject({ pid: process.pid })
    store.insert(makeTaskRecord())
  }, 60_000)

  it('still refuses a second process whose lock file was deleted: the database itself is locked', async () => {
    const dir = await tempDir()
    const holder = startChildWriter(dir, 'hold', 'holder')
    await holder.ready
    rmSync(join(dir, 'history.lock'))
    expect(openError(() => openStore(dir)).code).toBe('storage_locked')
    await holder.kill()
    expect(openStore(dir).pendingRecovery()).toBeNull()
  }, 60_000)

  it('takes over a lock whose pid now belongs to another process (after a reboot): the database is free', async () => {
    const dir = await tempDir()
    openStore(dir).close()
    const lock = join(dir, 'history.lock')
    // Our parent runs, but it does not hold this history: as when a reboot hands the pid to another program.
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), token: 'before-reboot' }))
    const beforeReboot = new Date(Date.now() - 60_000)
    utimesSync(lock, beforeReboot, beforeReboot)
    const store = openStore(dir)
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid })
    store.insert(makeTaskRecord())
  })

  it('still refuses an old lock file whose process holds the database', async () => {
    const dir = await tempDir()
    const holder = startChildWriter(dir, 'hold', 'holder')
    await holder.ready
    const lock = join(dir, 'history.lock')
    const longAgo = new Date(Date.now() - 60_000)
    utimesSync(lock, longAgo, longAgo)
    expect(openError(() => openStore(dir)).code).toBe('storage_locked')
    await holder.kill()
  }, 60_000)

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await tempDir()
    writeFileSync(
      join(dir, 'history.lock'),
      JSON.stringify({ pid: deadPid(), host: hostname(), token: 'old' }),
    )
    const store = openStore(dir)
    expect(JSON.parse(readFileSync(join(dir, 'history.lock'), 'utf8'))).toMatchObject({ pid: process.pid })
    store.close()
    expect(() => readFileSync(join(dir, 'history.lock'))).toThrow()
  })

  it('takes over an unreadable lock file only once it is clearly abandoned', async () => {
    const dir = await tempDir()
    const lock = join(dir, 'history.lock')
    writeFileSync(lock, '')
    expect(openError(() => openStore(dir)).code).toBe('storage_locked')
    const longAgo = new Date(Date.now() - 60_000)
    utimesSync(lock, longAgo, longAgo)
    expect(openStore(dir).query({}).total).toBe(0)
  })

  it('does not touch a lock held by a live process on another machine', async () => {
    const dir = await tempDir()
    writeFileSync(
      join(dir, 'history.lock'),
      JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, token: 'x' }),
    )
    expect(openError(() => openStore(dir)).code).toBe('storage_locked')
  })
})
