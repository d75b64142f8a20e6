import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { baseSettings, solidImage, useImageTasks, type ImageTasksApp } from './image-tasks-kit'

const submit = (app: ImageTasksApp, request: Record<string, unknown>) =>
  app.call<{ taskId: string }>('tasks.submit', { params: baseSettings, ...request })

const keyOf = (record: TaskRecord | null, index = 0) => record?.inputs?.[index]?.storageObject?.key ?? ''

/** Log lines of one event, parsed. */
const logged = (app: ImageTasksApp, event: string) =>
  app.logger.lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === event)

/** Runs an img2img task of `image` to its end while the storage hangs on deleting its upload. */
async function finishWithDeletionStalled(app: ImageTasksApp, image: Buffer) {
  app.host.stall('DELETE')
  const source = await app.importImage(image)
  const { taskId } = await submit(app, {
    kind: 'image2image',
    source: { type: 'cached', cacheKey: source },
  })
  const final = await app.finalOf(taskId)
  await expect.poll(() => app.host.stalled.length).toBe(1)
  return { taskId, final }
}

describe('uploads an earlier run left in the storage are deleted at the next start', () => {
  const tempDir = useTempDirs()
  const open = useImageTasks()

  it("deletes a finished task's uploads whose deletion the app never finished, and keeps kept ones", async () => {
    const dir = await tempDir()
    const first = await open(dir)
    const kept = await submit(first, {
      kind: 'image2image',
      source: { type: 'cached', cacheKey: await first.importImage(await solidImage(64, 64, '#0000aa')) },
      options: { keepUploads: true },
    })
    await first.finalOf(kept.taskId)
    // The storage stops answering deletions; the app dies while one hangs.
    const { taskId, final } = await finishWithDeletionStalled(first, await solidImage(96, 64, '#aa5500'))
    expect(final.status).toBe('succeeded')
    first.abandon()
    first.host.unstall()

    const second = await open(dir, { sharedHost: first.host })
    const orphan = keyOf(second.history.get(taskId))
    expect(second.host.objects.has(orphan)).toBe(true)
    await second.tasks.resume()
    await expect.poll(() => second.history.get(taskId)?.inputs?.[0]?.storageObject).toBeNull()
    expect(second.host.removed).toEqual([orphan])
    expect(second.host.objects.has(orphan)).toBe(false)
    // The kept upload stays, and its record still says where it is.
    const keptRecord = second.history.get(kept.taskId)
    expect(keptRecord?.inputs?.[0]).toMatchObject({ keepUpload: true, storageObject: { bucket: 'bkt' } })
    expect([...second.host.objects.keys()]).toEqual([keyOf(keptRecord)])
  })

  it('deletes what a submit uploaded before the app stopped, although no task was recorded', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    const source = await first.importImage(await solidImage(80, 80, '#336699'))
    const mask = await first.importImage(await solidImage(80, 80, '#ffffff'))
    // The source goes up, then the app dies while the mask's upload hangs.
    first.host.stall('PUT', { skip: 1 })
    const submitting = submit(first, {
      kind: 'inpaint',
      source: { type: 'cached', cacheKey: source },
      mask: { type: 'cached', cacheKey: mask },
    }).catch((error: unknown) => error)
    await expect.poll(() => first.host.stalled.length).toBe(1)
    first.abandon()
    const [uploaded] = first.host.uploaded
    expect([...first.host.objects.keys()]).toEqual([uploaded])

    const second = await open(dir, { sharedHost: first.host })
    expect(second.history.query({}).total).toBe(0)
    await second.tasks.resume()
    await expect.poll(() => second.host.objects.size).toBe(0)
    expect(second.host.removed).toEqual([uploaded])
    await second.close()
    await first.close()
    // The abandoned submit never recorded anything.
    expect(await submitting).toMatchObject({ code: 'image_storage_unreachable' })
  })

  it('leaves them for the start after when the storage cannot be reached, without holding the start up', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    const { taskId } = await finishWithDeletionStalled(first, await solidImage(72, 72, '#22aa22'))
    first.abandon()
    first.host.unstall()
    const orphan = first.host.uploaded[0] ?? ''

    first.host.setReachable(false)
    const second = await open(dir, { sharedHost: first.host })
    expect(await second.tasks.resume()).toBe(0)
    await expect
      .poll(() => logged(second, 'tasks.leftover_uploads'))
      .toEqual([expect.objectContaining({ removed: 0, left: 1 })])
    expect(logged(second, 'tasks.upload_not_removed')).toEqual([
      expect.objectContaining({ level: 'warn', code: 'image_storage_unreachable' }),
    ])
    expect(second.history.get(taskId)?.inputs?.[0]?.storageObject).toMatchObject({ key: orphan })
    await second.close()

    first.host.setReachable(true)
    const third = await open(dir, { sharedHost: first.host })
    await third.tasks.resume()
    await expect.poll(() => third.history.get(taskId)?.inputs?.[0]?.storageObject).toBeNull()
    expect(third.host.objects.has(orphan)).toBe(false)
  })

  it('stops the clean-up at once when the app closes while the storage hangs; the next start finishes it', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    const { taskId } = await finishWithDeletionStalled(first, await solidImage(88, 66, '#775533'))
    first.abandon()

    const second = await open(dir, { sharedHost: first.host })
    await second.tasks.resume()
    await expect.poll(() => first.host.stalled.length).toBe(2)
    // Without cancelling its call, this would wait for a storage that never answers.
    await second.tasks.close()
    expect(second.history.get(taskId)?.inputs?.[0]?.storageObject).not.toBeNull()
    await second.close()

    first.host.unstall()
    const third = await open(dir, { sharedHost: first.host })
    await third.tasks.resume()
    await expect.poll(() => third.history.get(taskId)?.inputs?.[0]?.storageObject).toBeNull()
    expect(third.host.objects.size).toBe(0)
  })

  it('deletes the uploads of a task the user deleted before they were', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    const { taskId } = await finishWithDeletionStalled(first, await solidImage(70, 90, '#990099'))
    await first.call('history.delete', { ids: [taskId] })
    await first.close()
    first.host.unstall()
    expect(first.host.objects.size).toBe(1)

    const second = await open(dir, { sharedHost: first.host })
    await second.tasks.resume()
    await expect.poll(() => second.host.objects.size).toBe(0)
  })
})
