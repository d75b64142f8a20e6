import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { useTempDirs } from '../../support/temp-dir'
import { cacheKeyFor, makeTaskRecord } from '../history/fixtures/task-records'
import { runImgOpen } from './cli-kit'

/*
 * `img-open history` only reads: it opens the history alone (issue 17 §3), not the services. What
 * it prints must not change for that: image files found in the cache, the links of images not
 * kept; and a read leaves nothing but the history behind in a new data folder.
 */

const image = (cacheKey: string | null, url: string) => ({
  url,
  seed: 42,
  status: 2,
  auditPassed: true,
  auditLabels: [],
  cacheKey,
})

describe('img-open history reads the history alone', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()

  it('lists each image as its cached file, or by its link when the cache does not hold it', async () => {
    const dataDir = await tempDir()
    const cached = cacheKeyFor('c0ffee')
    const lost = cacheKeyFor('dead')
    const file = join(dataDir, 'images', cached.slice(0, 2), `${cached}.jpg`)
    await mkdir(join(dataDir, 'images', cached.slice(0, 2)), { recursive: true })
    await writeFile(file, Buffer.from([0xff, 0xd8, 0xff, 0xe0]))
    const store = createHistoryStore({
      dataDir,
      clock: Date.now,
      logger: createLogger({ redactor: createSecretRedactor() }),
    })
    const record = makeTaskRecord({
      prompt: 'harbour at dawn',
      images: [
        image(cached, 'https://cdn.example/1.jpg'),
        image(lost, 'https://cdn.example/2.jpg'),
        image(null, 'https://cdn.example/3.jpg'),
      ],
    })
    store.insert(record)
    store.close()

    const run = await runImgOpen(['history', '--json'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const listed = JSON.parse(run.stdout) as { total: number; tasks: Record<string, unknown>[] }
    expect(listed.total).toBe(1)
    expect(listed.tasks[0]).toMatchObject({
      task_id: record.id,
      images: [file],
      missing_image_urls: ['https://cdn.example/2.jpg', 'https://cdn.example/3.jpg'],
    })
  })

  it('leaves only the history file in a new data folder: no settings, logs or cache folders', async () => {
    const dataDir = join(await tempDir(), 'new')
    const run = await runImgOpen(['history', '--json'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(run).toEqual({ code: 0, stdout: '{\n  "total": 0,\n  "tasks": []\n}\n', stderr: '' })
    expect(await readdir(dataDir, { recursive: true })).toEqual(['history.db'])
  })
})
