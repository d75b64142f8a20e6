import { describe, expect, it } from 'vitest'
import { objectsOnDisk } from '../../support/s3-server'
import { picture, sha256Of, useS3Profiles } from './s3-tasks-kit'

/*
 * Local input images of real tasks, end to end: uploaded to the profile's S3-compatible storage (a
 * real s3rver on 127.0.0.1 that checks every signature), fetched by the simulator through their
 * presigned links, and deleted from the bucket on disk once the task has ended, unless kept.
 */
describe('input images through the profile’s own S3 storage', () => {
  const open = useS3Profiles()

  it('inpaint: source and mask reach the service by presigned links, and leave the bucket when the task ends', async () => {
    const s3 = await open()
    const source = await picture(96, 64, '#3a6ea5')
    const mask = await picture(96, 64, '#ffffff')
    const { taskId } = await s3.call<{ taskId: string }>(
      'tasks.submit',
      s3.submitRequest({
        kind: 'inpaint',
        source: { type: 'cached', cacheKey: await s3.importImage(source) },
        mask: { type: 'cached', cacheKey: await s3.importImage(mask) },
      }),
    )
    const record = await s3.settled(taskId)
    expect(record.status).toBe('succeeded')

    // What the service fetched is exactly what the user gave, by links into the user's bucket.
    const arrived = s3.simulator.inputs(taskId)
    expect(arrived.map((input) => [input.field, input.sha256])).toEqual([
      ['image_link', sha256Of(source)],
      ['mask_link', sha256Of(mask)],
    ])
    expect(arrived[0]?.bytes.equals(source)).toBe(true)
    expect(arrived[1]?.bytes.equals(mask)).toBe(true)
    for (const input of record.inputs ?? []) {
      expect(input).toMatchObject({ origin: 'upload', keepUpload: false })
      expect(input.url.startsWith(`${s3.server.endpoint}/bkt/img-open-workbench/`)).toBe(true)
      expect(new URL(input.url).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/)
    }
    // Every request, the simulator's presigned GETs included, carried a valid signature.
    expect(s3.server.refusals).toEqual([])

    // Gone from the disk of the storage itself, not only from the record.
    await expect.poll(async () => (await objectsOnDisk(s3.server)).size, { timeout: 10_000 }).toBe(0)
    await expect
      .poll(() => s3.app.history.get(taskId)?.inputs?.map((input) => input.storageObject))
      .toEqual([null, null])
  })

  it('with "keep uploads" on, the object stays in the bucket byte for byte; turned off, the next one goes', async () => {
    const s3 = await open({ storage: { keepUploads: true } })
    const kept = await picture(80, 80, '#aa5500')
    const first = await s3.call<{ taskId: string }>(
      'tasks.submit',
      s3.submitRequest({
        kind: 'image2image',
        source: { type: 'cached', cacheKey: await s3.importImage(kept) },
      }),
    )
    const keptRecord = await s3.settled(first.taskId)
    expect(keptRecord.status).toBe('succeeded')
    expect(s3.simulator.inputs(first.taskId)[0]?.bytes.equals(kept)).toBe(true)
    const keptKey = keptRecord.inputs?.[0]?.storageObject?.key ?? ''
    expect(keptRecord.inputs?.[0]).toMatchObject({ keepUpload: true, storageObject: { bucket: 'bkt' } })

    // The user turns "keep uploads" off: the next task's upload is deleted, the kept one stays.
    await s3.call('profiles.setStorage', {
      id: s3.profile.id,
      storage: { endpoint: s3.server.endpoint, bucket: 'bkt', forcePathStyle: true, keepUploads: false },
    })
    const other = await picture(80, 80, '#005599')
    const second = await s3.call<{ taskId: string }>(
      'tasks.submit',
      s3.submitRequest({
        kind: 'image2image',
        source: { type: 'cached', cacheKey: await s3.importImage(other) },
      }),
    )
    expect((await s3.settled(second.taskId)).status).toBe('succeeded')
    await expect.poll(() => s3.app.history.get(second.taskId)?.inputs?.[0]?.storageObject).toBeNull()

    const onDisk = await objectsOnDisk(s3.server)
    expect([...onDisk.keys()]).toEqual([keptKey])
    expect(onDisk.get(keptKey)?.equals(kept)).toBe(true)
    expect(s3.app.history.get(first.taskId)?.inputs?.[0]?.storageObject).toMatchObject({ key: keptKey })
  })
})
