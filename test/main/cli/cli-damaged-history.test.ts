import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { useTempDirs } from '../../support/temp-dir'
import { makeTaskRecord } from '../history/fixtures/task-records'
import { runImgOpen } from './cli-kit'

/** A closed history of `count` tasks in `dataDir`; answers their ids. */
function historyOf(dataDir: string, count: number): string[] {
  const store = createHistoryStore({
    dataDir,
    clock: Date.now,
    logger: createLogger({ redactor: createSecretRedactor() }),
  })
  try {
    return Array.from(
      { length: count },
      (_, index) => store.insert(makeTaskRecord({ prompt: `dune ${index}` })).id,
    )
  } finally {
    store.close()
  }
}

describe('img-open on a damaged history (SECURITY.md #22)', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()

  it('recovers a history whose first page is zeroed, says so once on stderr and where the copy is', async () => {
    const dataDir = await tempDir()
    const ids = historyOf(dataDir, 40)
    const file = join(dataDir, 'history.db')
    const bytes = readFileSync(file)
    bytes.fill(0, 0, 8192)
    writeFileSync(file, bytes)

    const run = await runImgOpen(['history', '--json', '--limit', '100'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(run.code).toBe(0)
    const note = run.stderr.trim()
    expect(note).toMatch(
      /^note: the history file was damaged and has been rebuilt: 40 tasks recovered, how many were lost cannot be told\. The damaged file is kept as .*history\.corrupt-.*\.db$/,
    )
    const kept = note.slice(note.indexOf(dataDir))
    expect(readFileSync(kept).equals(bytes)).toBe(true)
    const listed = JSON.parse(run.stdout) as { total: number; tasks: { task_id: string }[] }
    expect(listed.tasks.map((task) => task.task_id).sort()).toEqual([...ids].sort())

    const again = await runImgOpen(['history'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(again).toMatchObject({ code: 0, stderr: '' })
  })

  it('starts on a history cut to 4 KiB (`truncate -s 4096`), in Chinese too', async () => {
    const dataDir = await tempDir()
    historyOf(dataDir, 5)
    const file = join(dataDir, 'history.db')
    writeFileSync(file, readFileSync(file).subarray(0, 4096))
    const run = await runImgOpen(['history'], { IMG_OPEN_DATA_DIR: dataDir, LC_ALL: 'zh_CN.UTF-8' })
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(
      /^提示：历史记录文件已损坏并已重建：恢复了 0 个任务，无法确定丢失了多少。损坏的文件保留为 .*history\.corrupt-/,
    )
  })
})
