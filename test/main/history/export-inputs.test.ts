import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { unsignedLink } from '../../../main/services/history/transfer-inputs'
import { useTempDirs } from '../../support/temp-dir'
import { makeImageTaskRecord, makeTaskInput } from './fixtures/image-task-records'
import { cacheKeyFor, makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'
import { sd } from '../sd-task'

/** Storage keys no file may ever hold; the presigned link is made with them, offline. */
const canary = {
  accessKeyId: `AKIACANARY${randomUUID().slice(0, 8).toUpperCase()}`,
  secretAccessKey: `CANARY-${randomUUID()}`,
  sessionToken: `CANARY-TOKEN-${randomUUID()}`,
}
const objectAddress =
  'https://my-bucket.s3.eu-central-1.amazonaws.com/img-open-workbench/2024/source-9f2c.png'

/** A real SigV4 presigned GET link, as the S3 image host gives the service. */
const presignedLink = () =>
  getSignedUrl(
    new S3Client({ region: 'eu-central-1', credentials: canary }),
    new GetObjectCommand({ Bucket: 'my-bucket', Key: 'img-open-workbench/2024/source-9f2c.png' }),
    { expiresIn: 3600 },
  )

const ossSigned =
  'https://inputs.oss-cn-hangzhou.aliyuncs.com/mask.png?OSSAccessKeyId=LTAICANARY&Expires=1700003600&Signature=c2lnbmVk'
const pastedPublic = 'https://images.example.org/pose.png?w=512&fit=cover'
const serviceResult = 'https://aigcoss.zhiqiteai.cn/api/outputs/txt2img-images/2024-01-01/r.png'

/** An inpaint task (source uploaded with a presigned link, mask a signed OSS link) and a ControlNet task. */
async function imageTasks(): Promise<[TaskRecord, TaskRecord]> {
  const inpaint = makeImageTaskRecord('inpaint', [
    makeTaskInput({
      role: 'source',
      url: await presignedLink(),
      cacheKey: cacheKeyFor('50'),
      storageObject: { bucket: 'my-bucket', key: 'img-open-workbench/2024/source-9f2c.png' },
      resizedFrom: { width: 4000, height: 3000, bytes: 5_000_000 },
    }),
    makeTaskInput({ role: 'mask', origin: 'url', url: ossSigned, cacheKey: cacheKeyFor('3a') }),
  ])
  const controlnet = makeImageTaskRecord('controlnet', [
    makeTaskInput({ role: 'control', unit: 0, origin: 'url', url: pastedPublic, cacheKey: null }),
    makeTaskInput({
      role: 'control',
      unit: 1,
      origin: 'result',
      url: serviceResult,
      urlExpiresAt: null,
      cacheKey: cacheKeyFor('7e'),
    }),
  ])
  return [inpaint, controlnet]
}

/** What an export of `record` must hold: its signed links reduced to the objects' addresses. */
function unsigned(record: TaskRecord): TaskRecord {
  const text = JSON.stringify(record)
    .replace(/https:\/\/my-bucket[^"]*/g, objectAddress)
    .replaceAll(ossSigned, 'https://inputs.oss-cn-hangzhou.aliyuncs.com/mask.png')
  return JSON.parse(text) as TaskRecord
}

describe('history export and import of image tasks', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  it.each(['jsonl', 'csv'] as const)(
    'exports no storage credential in %s, and the import restores kinds and inputs',
    async (format) => {
      const [inpaint, controlnet] = await imageTasks()
      const text2image = makeTaskRecord({ prompt: 'a plain text task' })
      const source = openStore(await tempDir())
      for (const record of [inpaint, controlnet, text2image]) source.insert(record)
      const { text = '', count } = await source.exportRecords('all', format)
      expect(count).toBe(3)

      for (const secret of [...Object.values(canary), 'X-Amz-Signature', 'LTAICANARY', 'Signature='])
        expect(text).not.toContain(secret)
      // Unsigned links are kept as the service got them.
      expect(text).toContain('images.example.org/pose.png?w=512')
      expect(text).toContain(serviceResult)

      const target = openStore(await tempDir())
      expect(target.importRecords(text, format)).toEqual({ imported: 3, duplicates: 0, errors: [] })
      expect(target.get(controlnet.id)).toEqual(controlnet)
      expect(target.get(text2image.id)).toEqual(text2image)
      const imported = target.get(inpaint.id)
      // The upload's deletion was owed by the exporting app: it does not travel with the task.
      const [sourceInput, maskInput] = unsigned(inpaint).inputs ?? []
      expect(imported).toEqual({
        ...unsigned(inpaint),
        inputs: [{ ...sourceInput, storageObject: null }, maskInput],
      })
      expect(sd(imported).params.alwayson_scripts).toMatchObject({
        image_link: objectAddress,
        mask_link: 'https://inputs.oss-cn-hangzhou.aliyuncs.com/mask.png',
      })
      expect(target.query({ kind: ['inpaint'] }).items.map((item) => item.id)).toEqual([inpaint.id])
      expect(target.query({ kind: ['controlnet', 'text2image'] }).total).toBe(2)
    },
  )

  it('keeps the storage object of an upload the user chose to keep', async () => {
    const kept = makeImageTaskRecord('image2image', [
      makeTaskInput({
        role: 'source',
        url: objectAddress,
        cacheKey: cacheKeyFor('51'),
        storageObject: { bucket: 'my-bucket', key: 'img-open-workbench/kept.png' },
        keepUpload: true,
      }),
    ])
    const source = openStore(await tempDir())
    source.insert(kept)
    const target = openStore(await tempDir())
    target.importRecords((await source.exportRecords('all', 'jsonl')).text ?? '', 'jsonl')
    expect(target.get(kept.id)).toEqual(kept)
  })

  it('imports a CSV written before the inputs column existed', async () => {
    const [inpaint] = await imageTasks()
    const source = openStore(await tempDir())
    source.insert(inpaint)
    const { text = '' } = await source.exportRecords('all', 'csv')
    const [header = '', row = ''] = text.trimEnd().split('\n')
    expect(header).toContain(',paramsUnknown,inputs,allowResize,endpoint,')
    // The inputs cell is a quoted JSON array followed by the (empty) newer cells.
    const older = `${header.replace(/,inputs,.*$/, '')}\n${row.replace(/,"\[.*\]",*$/, '')}\n`
    expect(older).not.toContain('"role"')
    const target = openStore(await tempDir())
    expect(target.importRecords(older, 'csv')).toEqual({ imported: 1, duplicates: 0, errors: [] })
    const imported = target.get(inpaint.id)
    expect(imported?.kind).toBe('inpaint')
    expect(imported?.inputs).toBeUndefined()
  })

  it.each(['jsonl', 'csv'] as const)(
    'keeps in %s the endpoint of a ControlNet task and whether its submit allowed resizing',
    async (format) => {
      const [, controlnet] = await imageTasks()
      const v3 = { ...controlnet, endpoint: 'text2image-v3', allowResize: true } as TaskRecord
      const source = openStore(await tempDir())
      source.insert(v3)
      const target = openStore(await tempDir())
      target.importRecords((await source.exportRecords('all', format)).text ?? '', format)
      expect(target.get(v3.id)).toMatchObject({ endpoint: 'text2image-v3', allowResize: true })
    },
  )

  it('reports an image task whose params lack their link, and imports the rest', async () => {
    const [inpaint, controlnet] = await imageTasks()
    const broken = { ...controlnet, params: { ...sd(controlnet).params, alwayson_scripts: {} } }
    const lines = [JSON.stringify(broken), JSON.stringify(inpaint)].join('\n')
    const target = openStore(await tempDir())
    const result = target.importRecords(lines, 'jsonl')
    expect(result.imported).toBe(1)
    expect(result.errors).toEqual([{ line: 1, message: expect.stringMatching(/^Not a task record/) }])
    expect(target.get(inpaint.id)?.kind).toBe('inpaint')
  })

  it.each([
    // Signed links of each storage kind lose their query; the address stays.
    [`${objectAddress}?X-Amz-Signature=ab&X-Amz-Credential=AKIA`, objectAddress],
    [
      'https://b.cos.ap-shanghai.myqcloud.com/k.png?q-sign-algorithm=sha1&q-ak=AKID&q-signature=ab',
      'https://b.cos.ap-shanghai.myqcloud.com/k.png',
    ],
    [
      'https://storage.googleapis.com/b/k.png?X-Goog-Signature=ab#part',
      'https://storage.googleapis.com/b/k.png',
    ],
    [
      'https://acct.blob.core.windows.net/c/k.png?sv=2024&sig=ab',
      'https://acct.blob.core.windows.net/c/k.png',
    ],
    ['https://user:secret@host.example/k.png?w=1', 'https://host.example/k.png?w=1'],
    // Unsigned links come back exactly as given, odd spelling and all.
    [
      'https://images.example.org/a%20b.png?w=512&fit=cover',
      'https://images.example.org/a%20b.png?w=512&fit=cover',
    ],
    ['HTTPS://Images.Example.org/k.png', 'HTTPS://Images.Example.org/k.png'],
    ['not a link', 'not a link'],
  ])('exports %s as %s', (link, exported) => {
    expect(unsignedLink(link)).toBe(exported)
  })
})
