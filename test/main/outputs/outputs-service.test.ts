import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { createDispatcher } from '../../../main/ipc/dispatcher'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createImageCache } from '../../../main/services/images/image-cache'
import { readPngText } from '../../../main/services/images/png-metadata'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import {
  createOutputsHandlers,
  createOutputsService,
  fileNameFor,
  promptWords,
  sanitizeFileName,
  type OutputShell,
} from '../../../main/services/outputs'
import { paintImage } from '../../../main/simulator/png'
import { makeTaskRecord } from '../history/fixtures/task-records'
import { useTempDirs } from '../../support/temp-dir'

const logger = createLogger({ redactor: createSecretRedactor() })

/** A folder-picking shell that answers `folder` and records what it was asked to show. */
const fakeShell = (folder: string | null) => {
  const shown: string[] = []
  const shell: OutputShell = {
    chooseFolder: () => Promise.resolve(folder),
    chooseSaveFile: (defaultPath) =>
      Promise.resolve(folder === null ? null : join(folder, `chosen-${defaultPath.split('/').pop() ?? ''}`)),
    showInFolder: (path) => void shown.push(path),
  }
  return { shell, shown }
}

describe('output file names', () => {
  const record = makeTaskRecord({
    id: 'task-77',
    prompt:
      '(masterpiece:1.2), a red fox, <lora:detail:0.6> [snow], forest at dusk, soft light, film grain, extra words',
    checkpoint: 'sd/dreamshaper_8.safetensors',
    createdAt: new Date(2026, 11, 7, 9, 5, 3).getTime(),
    images: [
      { url: 'https://x/1.png', seed: 4242, status: 1, auditPassed: true, auditLabels: [], cacheKey: null },
    ],
  })

  it('fills every token from the task and the image', () => {
    expect(fileNameFor('[date]-[seed]-[model_name]-[task_id]-[batch]', record, 0)).toBe(
      '2026-12-07-4242-dreamshaper_8-task-77-1',
    )
    expect(fileNameFor('[prompt_words]', record, 0)).toBe('masterpiece 1 2 a red fox snow forest')
    expect(fileNameFor('[width]x[height] [steps] [datetime]', record, 0)).toBe('512x512 25 2026-12-07-090503')
  })

  it('keeps Chinese prompts and drops attention syntax and extra-network tags', () => {
    expect(promptWords('（杰作）, 一只狐狸 <lora:x:1>, (snow:1.1)')).toBe('（杰作） 一只狐狸 snow 1 1')
  })

  it('makes names every OS accepts', () => {
    expect(sanitizeFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j')
    expect(sanitizeFileName('CON')).toBe('_CON')
    expect(sanitizeFileName('lpt1.txt')).toBe('_lpt1.txt')
    expect(sanitizeFileName('trailing dots... ')).toBe('trailing dots')
    expect(sanitizeFileName('///')).toBe('___')
    expect(sanitizeFileName('')).toBe('image')
    expect(sanitizeFileName('tab\there\u0000')).toBe('tab here_')
    const long = sanitizeFileName('狐'.repeat(200))
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(180)
    expect(long).toBe('狐'.repeat(60))
  })
})

describe('the outputs service', () => {
  const tempDir = useTempDirs()

  async function setup(shell?: OutputShell) {
    const dataDir = await tempDir()
    const imageCache = createImageCache({ dataDir, logger })
    const history = createHistoryStore({ dataDir, clock: Date.now, logger })
    const outputs = createOutputsService({ dataDir, history, imageCache, logger, shell })
    /** A succeeded task of two cached PNGs carrying their infotext, as the task service stores them. */
    const storeTask = async (overrides: Partial<TaskRecord> = {}) => {
      const base = makeTaskRecord({
        prompt: 'a lighthouse at dawn',
        checkpoint: 'dreamshaper_8.safetensors',
        ...overrides,
      })
      const images = await Promise.all(
        [101, 202].map(async (seed) => {
          const png = paintImage({ key: `${base.id}-${seed}`, width: 16, height: 16, progress: 1 })
          const cached = await imageCache.put(png, {
            metadata: { params: base.params, seed, kind: 'text2image' },
          })
          return {
            url: `https://x/${seed}.png`,
            seed,
            status: 1,
            auditPassed: true,
            auditLabels: [],
            cacheKey: cached.cacheKey,
          }
        }),
      )
      return history.insert({ ...base, images })
    }
    const close = async () => {
      await outputs.idle()
      await imageCache.close()
      history.close()
    }
    return { dataDir, outputs, storeTask, close, imageCache }
  }

  it('writes every result to the output folder as it arrives, with its infotext inside', async () => {
    const { outputs, storeTask, close } = await setup()
    const folder = join(await tempDir(), 'new', 'outputs')
    await outputs.configure({ folder, pattern: '[seed]-[prompt_words]' })
    const record = await storeTask()
    outputs.taskChanged({ ...record, status: 'running' })
    outputs.taskChanged(record)
    outputs.taskChanged(record)
    await outputs.idle()
    expect((await readdir(folder)).sort()).toEqual([
      '101-a lighthouse at dawn.png',
      '202-a lighthouse at dawn.png',
    ])
    const parameters = readPngText(await readFile(join(folder, '202-a lighthouse at dawn.png'))).find(
      (entry) => entry.keyword === 'parameters',
    )
    expect(parameters?.text).toContain('a lighthouse at dawn')
    expect(parameters?.text).toContain('Seed: 202')
    expect(parameters?.text).toContain('Model: dreamshaper_8')
    await close()
  })

  it('numbers a name that is already taken instead of overwriting it', async () => {
    const { outputs, storeTask, close } = await setup()
    const folder = await tempDir()
    await writeFile(join(folder, 'fixed.png'), 'keep me')
    await outputs.configure({ folder, pattern: 'fixed' })
    const record = await storeTask()
    outputs.taskChanged(record)
    await outputs.idle()
    expect((await readdir(folder)).sort()).toEqual(['fixed-1.png', 'fixed-2.png', 'fixed.png'])
    expect(await readFile(join(folder, 'fixed.png'), 'utf8')).toBe('keep me')
    await close()
  })

  it('writes nothing without an output folder, and keeps the setting across restarts', async () => {
    const { dataDir, outputs, storeTask, close, imageCache } = await setup()
    const record = await storeTask()
    outputs.taskChanged(record)
    await outputs.idle()
    expect((await outputs.state()).settings.folder).toBeNull()
    const folder = await tempDir()
    await outputs.configure({ folder, pattern: '[task_id]' })
    const again = createOutputsService({ dataDir, history: { get: () => null }, imageCache, logger })
    expect((await again.state()).settings).toEqual({ folder, pattern: '[task_id]' })
    expect(await readdir(folder)).toEqual([])
    await close()
  })

  it('refuses a relative or unwritable folder, naming the field, and keeps the old setting', async () => {
    const { outputs, close, dataDir } = await setup()
    await expect(outputs.configure({ folder: 'relative/out', pattern: '[seed]' })).rejects.toMatchObject({
      code: 'invalid_request',
      details: { field: 'folder' },
    })
    const blocker = join(dataDir, 'a-file')
    await writeFile(blocker, 'x')
    await expect(
      outputs.configure({ folder: join(blocker, 'sub'), pattern: '[seed]' }),
    ).rejects.toMatchObject({
      code: 'io',
      details: { field: 'folder' },
    })
    expect((await outputs.state()).settings.folder).toBeNull()
    await close()
  })

  it('answers an unknown pattern token as an invalid request naming the pattern', async () => {
    const { outputs, close } = await setup()
    const dispatch = createDispatcher(createOutputsHandlers({ outputs }) as never, logger)
    const result = await dispatch(
      'outputs.configure',
      { folder: null, pattern: '[seed]-[nope]' },
      { transport: 'in-process' },
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
    expect(JSON.stringify(result)).toContain('"path":"pattern"')
    await close()
  })

  it('saves all of a task into the folder the user picks, and names each result for the browser', async () => {
    const target = await tempDir()
    const { shell } = fakeShell(target)
    const { outputs, storeTask, close } = await setup(shell)
    const record = await storeTask()
    await outputs.configure({ folder: null, pattern: '[seed]' })
    expect(await outputs.fileNames(record.id)).toEqual(['101.png', '202.png'])
    const saved = await outputs.saveTask(record.id)
    expect(saved.folder).toBe(target)
    expect((await readdir(target)).sort()).toEqual(['101.png', '202.png'])
    await outputs.saveTask(record.id)
    expect((await readdir(target)).sort()).toEqual(['101-1.png', '101.png', '202-1.png', '202.png'])
    const one = await outputs.saveImage(record.id, 1)
    expect(one).toBe(join(target, 'chosen-202.png'))
    await close()
  })

  it('shows the written copy in its folder, and needs the desktop app for dialogs', async () => {
    const { shell, shown } = fakeShell(null)
    const { outputs, storeTask, close } = await setup(shell)
    const folder = await tempDir()
    await outputs.configure({ folder, pattern: '[seed]' })
    const record = await storeTask()
    outputs.taskChanged(record)
    await outputs.idle()
    expect(await outputs.reveal(record.id, 0)).toBe(join(folder, '101.png'))
    expect(shown).toEqual([join(folder, '101.png')])
    expect(await outputs.saveTask(record.id)).toEqual({ folder: null, files: [] })
    await close()

    const browser = await setup()
    const task = await browser.storeTask()
    await expect(browser.outputs.saveImage(task.id, 0)).rejects.toMatchObject({
      code: 'invalid_request',
      details: { reason: 'desktop_only' },
    })
    await browser.close()
  })
})
