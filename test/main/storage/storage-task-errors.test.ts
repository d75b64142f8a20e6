import { describe, expect, it } from 'vitest'
import { closedPort, objectsOnDisk } from '../../support/s3-server'
import { picture, storageSecret, useS3Profiles, type S3ProfileApp } from './s3-tasks-kit'

/*
 * What a user sees when the storage refuses the keys or cannot be reached: from "Test storage" and
 * from a submit that needs an upload, against a real S3-compatible server that checks signatures.
 */
const wrongSecret = `CANARY-S3-WRONG-${crypto.randomUUID()}`

/** An img2img submit with a local image, as the workbench sends it. */
async function submitLocalImage(s3: S3ProfileApp) {
  const cacheKey = await s3.importImage(await picture(64, 64, '#3a6ea5'))
  return s3.dispatch(
    'tasks.submit',
    s3.submitRequest({ kind: 'image2image', source: { type: 'cached', cacheKey } }),
  )
}

/** Nothing happened: no task in the history, none at the service, nothing in the bucket. */
async function expectNothingLeft(s3: S3ProfileApp) {
  expect(s3.app.history.query({}).total).toBe(0)
  expect(s3.simulator.tasks.count()).toBe(0)
  expect((await objectsOnDisk(s3.server)).size).toBe(0)
}

describe('storage failures, as the user sees them', () => {
  const open = useS3Profiles()

  it('a wrong secret: "Test storage" and a submit both say the storage refused its keys', async () => {
    const s3 = await open({ secret: wrongSecret })
    const endpoint = new URL(s3.server.endpoint).host
    const refused = {
      ok: false,
      error: {
        code: 'image_storage_auth',
        message: 'The image storage refused its access keys.',
        details: { bucket: 'bkt', endpoint, reason: 'SignatureDoesNotMatch', status: 403 },
      },
    }
    const tested = await s3.dispatch('profiles.testStorage', { id: s3.profile.id })
    expect(tested).toEqual(refused)
    const submitted = await submitLocalImage(s3)
    expect(submitted).toEqual(refused)
    // The server refused on the signature (the key id is right), and nothing got through.
    expect(s3.server.refusals.length).toBeGreaterThanOrEqual(2)
    expect(new Set(s3.server.refusals)).toEqual(new Set(['SignatureDoesNotMatch']))
    await expectNothingLeft(s3)
    for (const answer of [tested, submitted]) expect(JSON.stringify(answer)).not.toContain(wrongSecret)
    expect(s3.app.logger.lines.join('\n')).not.toContain(wrongSecret)

    // The right secret passes the same check: the refusal was the secret's doing.
    await s3.call('credentials.setStorageKeys', {
      profileId: s3.profile.id,
      accessKeyId: 'S3RVER',
      secretAccessKey: storageSecret,
    })
    await expect(s3.call('profiles.testStorage', { id: s3.profile.id })).resolves.toMatchObject({
      bucket: 'bkt',
    })
    const accepted = await submitLocalImage(s3)
    const { taskId } = accepted.ok ? (accepted.value as { taskId: string }) : { taskId: '' }
    expect((await s3.settled(taskId)).status).toBe('succeeded')
  })

  it('a bucket that does not exist, or an endpoint nobody answers on: the submit says so and records nothing', async () => {
    const missing = await open({ storage: { bucket: 'no-such-bucket' } })
    expect(await submitLocalImage(missing)).toEqual({
      ok: false,
      error: {
        code: 'image_storage_unreachable',
        message: 'The image storage could not be reached, or the bucket does not exist.',
        details: {
          bucket: 'no-such-bucket',
          endpoint: new URL(missing.server.endpoint).host,
          reason: 'no_such_bucket',
          status: 404,
        },
      },
    })
    await expectNothingLeft(missing)

    const port = await closedPort()
    const closed = await open({ storage: { endpoint: `http://127.0.0.1:${port}` } })
    expect(await submitLocalImage(closed)).toEqual({
      ok: false,
      error: {
        code: 'image_storage_unreachable',
        message: 'The image storage could not be reached, or the bucket does not exist.',
        details: { bucket: 'bkt', endpoint: `127.0.0.1:${port}`, reason: 'connection_refused' },
      },
    })
    await expectNothingLeft(closed)
  })
})
