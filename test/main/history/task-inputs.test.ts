import { describe, expect, it } from 'vitest'
import { image2ImageParamsSchema, type TaskInput, type TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { cacheKeyFor, makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'

const result = (cacheKey: string) => ({
  url: 'https://aigcoss.zhiqiteai.cn/api/outputs/img2img-images/x.png',
  seed: 1,
  status: 2,
  auditPassed: true,
  auditLabels: [],
  cacheKey,
})

const input = (role: TaskInput['role'], cacheKey: string | null): TaskInput => ({
  role,
  origin: 'upload',
  url: `https://bucket.example/${role}.png?X-Amz-Signature=abc`,
  urlExpiresAt: 1_700_000_360_000,
  cacheKey,
  storageObject: { bucket: 'bkt', key: `img-open-workbench/${role}.png` },
  keepUpload: false,
  sent: { width: 512, height: 512, bytes: 1000 },
  resizedFrom: null,
})

/** An inpaint task whose source and mask are the given cached images. */
function inpaintRecord(source: string | null, mask: string | null, images: string[] = []): TaskRecord {
  const base = makeTaskRecord({ images: images.map(result) })
  return {
    ...base,
    kind: 'inpaint',
    params: image2ImageParamsSchema.parse({
      ...base.params,
      alwayson_scripts: {
        ...base.params.alwayson_scripts,
        image_link: 'https://bucket.example/source.png',
        mask_link: 'https://bucket.example/mask.png',
      },
    }),
    inputs: [input('source', source), input('mask', mask)],
  }
}

describe('history store: input images of img2img and inpaint tasks', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  it('keeps a task with its inputs across a reopen, exactly as given', async () => {
    const dir = await tempDir()
    const record = inpaintRecord(cacheKeyFor('50'), cacheKeyFor('3a'), [cacheKeyFor('7e')])
    const store = openStore(dir)
    store.insert(record)
    store.close()
    expect(openStore(dir).get(record.id)).toEqual(record)
  })

  it('counts input images as referenced: deleting one task never removes what another still uses', async () => {
    const store = openStore(await tempDir())
    const source = cacheKeyFor('50')
    const ownMask = cacheKeyFor('3a')
    const output = cacheKeyFor('7e')
    // The second task's source is the first task's result (a "send to img2img").
    const first = inpaintRecord(source, ownMask, [output])
    const second = inpaintRecord(output, null)
    const textOnly = makeTaskRecord({ images: [result(source)] })
    for (const record of [first, second, textOnly]) store.insert(record)

    expect(store.delete([first.id])).toEqual([ownMask])
    expect(store.delete([textOnly.id])).toEqual([source])
    expect(store.delete([second.id])).toEqual([output])
  })

  it('follows inputs that change: a refreshed copy is referenced, the replaced one released', async () => {
    const store = openStore(await tempDir())
    const record = inpaintRecord(cacheKeyFor('50'), cacheKeyFor('3a'))
    store.insert(record)
    const inputs = [
      input('source', cacheKeyFor('51')),
      { ...input('mask', cacheKeyFor('3a')), storageObject: null },
    ]
    store.update(record.id, { inputs })
    expect(store.get(record.id)?.inputs).toEqual(inputs)
    expect(store.delete([record.id]).sort()).toEqual([cacheKeyFor('3a'), cacheKeyFor('51')].sort())
  })

  it('filters by workbench mode', async () => {
    const store = openStore(await tempDir())
    const text = makeTaskRecord()
    const inpaint = inpaintRecord(null, null)
    store.insert(text)
    store.insert(inpaint)
    expect(store.query({ kind: ['inpaint'] }).items.map((item) => item.id)).toEqual([inpaint.id])
    expect(store.query({ kind: ['text2image', 'inpaint'] }).total).toBe(2)
    expect(store.query({ kind: [] }).total).toBe(0)
  })
})
