import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Preset, TaskRecord, TrainingTaskRecord } from '#contract'
import { objectsOnDisk } from '../../support/s3-server'
import { useS3Profiles } from '../storage/s3-tasks-kit'
import { useTempDirs } from '../../support/temp-dir'
import { trainParams, writeDataset } from './training-kit'

const asJob = (record: TaskRecord | null): TrainingTaskRecord => {
  if (record?.kind !== 'training') throw new Error('not a training job')
  return record
}

describe('LoRA training through a profile with S3 storage, against the simulator', () => {
  const s3Profile = useS3Profiles()
  const tempDir = useTempDirs()

  it('flags too few images, duplicates, small and unreadable files before anything is sent', async () => {
    const { call, server } = await s3Profile()
    const dir = await tempDir()
    const paths = await writeDataset(dir, 8, 256)
    await writeFile(join(dir, 'copy.png'), await readFile(paths[0] ?? ''))
    await writeFile(join(dir, 'notes.jpg'), 'not an image')
    await writeDataset(join(dir, 'small'), 1, 100)
    const report = await call<{ images: unknown[]; problems: { code: string; paths: string[] }[] }>(
      'training.inspectDataset',
      { folder: dir, paths: [join(dir, 'small', 'img-000.png')], resolution: 200 },
    )
    expect(report.images).toHaveLength(10)
    expect(report.problems.map((problem) => problem.code).sort()).toEqual([
      'duplicate',
      'too_small',
      'unreadable',
    ])
    expect(report.problems.find((problem) => problem.code === 'unreadable')?.paths).toEqual([
      join(dir, 'notes.jpg'),
    ])
    const few = await call<{ problems: { code: string }[] }>('training.inspectDataset', {
      paths: paths.slice(0, 3),
      resolution: 200,
    })
    expect(few.problems.map((problem) => problem.code)).toEqual(['too_few'])
    expect((await objectsOnDisk(server).catch(() => new Map())).size).toBe(0)
  })

  it('uploads the dataset, sends every field under its §14 name, finds the new LoRA and adds it to the presets', async () => {
    const { app, call, simulator, server, profile } = await s3Profile({
      simulator: { trainingMs: 300 },
      services: { trainingWatchMs: 50 },
    })
    const paths = await writeDataset(await tempDir(), 12)
    const { taskId, linkLifetimeShort } = await call<{ taskId: string; linkLifetimeShort: boolean }>(
      'training.submit',
      {
        profileId: profile.id,
        datasetPaths: paths,
        params: { ...trainParams, callbackUrl: 'https://example.com/hook' },
        start: 'quick',
        triggerWords: ['zxq style'],
      },
    )
    expect(linkLifetimeShort).toBe(false)
    await expect
      .poll(() => app.history.get(taskId)?.status, { timeout: 20_000, interval: 30 })
      .toBe('succeeded')
    const job = asJob(app.history.get(taskId))
    const [sent] = simulator.training.jobs()
    expect(sent?.taskId).toBe(taskId)
    expect(sent?.body).toMatchObject({ ...trainParams, taskId, callbackUrl: 'https://example.com/hook' })
    expect((sent?.body.fileUrlList as string[]).length).toBe(12)
    // The service received exactly the dataset's bytes, through the presigned links.
    expect(sent?.inputs.map((input) => input.sha256)).toEqual(job.dataset.map((image) => image.sha256))
    expect(job.lora).toMatchObject({ fileName: `trained_${taskId}`, foundBy: 'list' })
    // Uploads are deleted once the job ends (not kept).
    expect(job.dataset.every((image) => image.storageObject === null)).toBe(true)
    await expect.poll(async () => (await objectsOnDisk(server)).size).toBe(0)
    const preset = await call<Preset>('presets.get', { id: job.lora?.presetId })
    // No English notes: the editor words the link to the job in the UI's language.
    expect(preset).toMatchObject({ kind: 'lora', fileName: `trained_${taskId}`, notes: '' })
    if (preset.kind !== 'lora') throw new Error('not a LoRA preset')
    expect(preset.lora.triggerWords).toEqual(['zxq style'])
    expect(preset.lora.training).toMatchObject({ taskId, imageCount: 12, settings: { networkDim: 16 } })
  })

  it('keeps the uploads when asked, and a job the user names ends done with that LoRA', async () => {
    const { app, call, server, profile } = await s3Profile({
      simulator: { trainingMs: 3_600_000 },
      services: { trainingWatchMs: 50 },
    })
    const paths = await writeDataset(await tempDir(), 10)
    const { taskId } = await call<{ taskId: string }>('training.submit', {
      profileId: profile.id,
      datasetPaths: paths,
      params: trainParams,
      keepUploads: true,
      linkLifetimeDays: 1,
    })
    await expect.poll(() => asJob(app.history.get(taskId)).stage, { timeout: 20_000 }).toBe('training')
    const { presetId } = await call<{ presetId: string | null }>('training.markDone', {
      taskId,
      loraName: 'my_lora_v1',
    })
    const job = asJob(app.history.get(taskId))
    expect(job).toMatchObject({
      status: 'succeeded',
      lora: { fileName: 'my_lora_v1', foundBy: 'user', presetId },
    })
    expect(job.dataset.every((image) => image.storageObject !== null)).toBe(true)
    expect((await objectsOnDisk(server)).size).toBe(10)
  })

  it('keeps how its watch stands as a code and numbers for the UI to word, not as English text', async () => {
    const { app, call, simulator, profile } = await s3Profile({
      simulator: { trainingMs: 3_600_000 },
      services: { trainingWatchMs: 50 },
    })
    const paths = await writeDataset(await tempDir(), 10)
    const { taskId } = await call<{ taskId: string }>('training.submit', {
      profileId: profile.id,
      datasetPaths: paths,
      params: trainParams,
    })
    await expect
      .poll(() => asJob(app.history.get(taskId)).tracking?.checks ?? 0, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2)
    const watched = asJob(app.history.get(taskId))
    expect(watched.description).toBeNull()
    expect(watched.tracking).toMatchObject({ code: 'watching', loraCount: expect.any(Number) })
    expect(watched.tracking?.checkedAt).toEqual(expect.any(Number))
    simulator.setFaults({ malformedJson: { paths: ['queryLoraList'] } })
    await expect
      .poll(() => asJob(app.history.get(taskId)).tracking?.code, { timeout: 20_000 })
      .toBe('list_unread')
    expect(asJob(app.history.get(taskId)).tracking?.loraCount).toBeNull()
  })

  it('refuses an out-of-range field by its §14 name before anything is recorded or uploaded', async () => {
    const { app, dispatch, server, profile } = await s3Profile()
    const paths = await writeDataset(await tempDir(), 10)
    const result = await dispatch('training.submit', {
      profileId: profile.id,
      datasetPaths: paths,
      params: { ...trainParams, maxEpochs: 51 },
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_request')
    expect(JSON.stringify(result.error)).toContain('maxEpochs')
    expect(app.history.unfinished()).toHaveLength(0)
    expect((await objectsOnDisk(server).catch(() => new Map())).size).toBe(0)
  })
})
