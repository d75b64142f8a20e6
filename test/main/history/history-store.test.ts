import { describe, expect, it } from 'vitest'
import { AppError, type TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { cacheKeyFor, makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'
import { sd } from '../sd-task'

const image = (cacheKey: string | null) => ({
  url: 'https://aigcoss.zhiqiteai.cn/api/outputs/txt2img-images/x.png',
  seed: 1,
  status: 2,
  auditPassed: true,
  auditLabels: [],
  cacheKey,
})

const ids = (records: readonly TaskRecord[]) => records.map((record) => record.id)

async function expectAppError(run: () => unknown, code: string) {
  let caught: unknown
  try {
    await run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(AppError)
  expect((caught as AppError).code).toBe(code)
}

describe('history store: records', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  it('keeps an inserted task across a reopen, exactly as given', async () => {
    const dir = await tempDir()
    const record = makeTaskRecord({ prompt: 'a lighthouse at dawn', images: [image(cacheKeyFor('a1'))] })
    const store = openStore(dir)
    expect(store.insert(record)).toEqual(record)
    store.close()
    expect(openStore(dir).get(record.id)).toEqual(record)
  })

  it('refuses a second task with the same id and an invalid record, storing nothing', async () => {
    const store = openStore(await tempDir())
    const record = makeTaskRecord()
    store.insert(record)
    await expectAppError(() => store.insert({ ...record, profileName: 'other' }), 'conflict')
    await expectAppError(
      () => store.insert({ ...record, id: 'bad', status: 'exploded' } as unknown as TaskRecord),
      'invalid_request',
    )
    expect(store.get('bad')).toBeNull()
    // A creation time the store cannot key (before 1970, after 2248) is refused, not mangled.
    await expectAppError(() => store.insert(makeTaskRecord({ createdAt: 1e20 })), 'invalid_request')
    await expectAppError(() => store.insert(makeTaskRecord({ createdAt: -5 })), 'invalid_request')
    expect(store.query({}).total).toBe(1)
  })

  it('updates status and images, stamping updatedAt, but never the id or creation time', async () => {
    const store = openStore(await tempDir(), { clock: () => 1_800_000_000_000 })
    const record = makeTaskRecord({ status: 'submitting' })
    store.insert(record)
    const updated = store.update(record.id, {
      status: 'succeeded',
      images: [image(cacheKeyFor('b2'))],
      createdAt: 1,
      id: 'hijack',
    } as Partial<TaskRecord>)
    expect(updated).toMatchObject({
      id: record.id,
      status: 'succeeded',
      createdAt: record.createdAt,
      updatedAt: 1_800_000_000_000,
    })
    expect(store.get(record.id)).toEqual(updated)
    expect(store.get('hijack')).toBeNull()
    await expectAppError(() => store.update('missing', { status: 'failed' }), 'not_found')
    await expectAppError(
      () => store.update(record.id, { status: 'nope' } as unknown as Partial<TaskRecord>),
      'invalid_request',
    )
  })

  it('lists the tasks to resume: submitting, queued and running only', async () => {
    const store = openStore(await tempDir())
    const statuses = ['submitting', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const
    const records = statuses.map((status) => makeTaskRecord({ status }))
    records.forEach((record) => store.insert(record))
    expect(ids(store.unfinished())).toEqual(ids(records.slice(0, 3)))
  })

  it('deletes tasks and hands back only the image keys nothing else refers to', async () => {
    const store = openStore(await tempDir())
    const shared = cacheKeyFor('5a')
    const own = cacheKeyFor('0b')
    const first = makeTaskRecord({ images: [image(shared), image(own)] })
    const second = makeTaskRecord({ images: [image(shared), image(null)] })
    store.insert(first)
    store.insert(second)
    expect(store.delete([first.id, 'not-there'])).toEqual([own])
    expect(store.get(first.id)).toBeNull()
    expect(store.delete([second.id])).toEqual([shared])
    expect(store.query({}).total).toBe(0)
  })

  it('reports no pending recovery for a healthy history', async () => {
    expect(openStore(await tempDir()).pendingRecovery()).toBeNull()
  })

  it('refuses use after close with a typed error', async () => {
    const store = openStore(await tempDir())
    store.close()
    await expectAppError(() => store.get('x'), 'io')
  })
})

describe('history store: pages, filters and search', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  async function seeded(records: TaskRecord[]) {
    const store = openStore(await tempDir())
    records.forEach((record) => store.insert(record))
    return store
  }

  it('pages newest first by cursor, each task exactly once, with the full total', async () => {
    const records = Array.from({ length: 23 }, (_, index) =>
      makeTaskRecord({ createdAt: 1_700_000_000_000 + index * 7 }),
    )
    const store = await seeded([...records].reverse())
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page += 1) {
      const result = store.query({ limit: 5, cursor })
      expect(result.total).toBe(23)
      seen.push(...ids(result.items))
      if (result.nextCursor === null) break
      cursor = result.nextCursor
    }
    expect(seen).toEqual(ids(records).reverse())
    expect(ids(store.query({ limit: 5, offset: 20, direction: 'asc' }).items)).toEqual(ids(records.slice(20)))
  })

  it('keeps tasks created in the same millisecond apart and in insertion order', async () => {
    const createdAt = 1_750_000_000_000
    const records = Array.from({ length: 4 }, () => makeTaskRecord({ createdAt }))
    const store = await seeded(records)
    expect(ids(store.query({ direction: 'asc' }).items)).toEqual(ids(records))
  })

  it('sorts by last update, and pages that order by cursor too', async () => {
    const records = [3, 1, 2].map((minute) =>
      makeTaskRecord({ updatedAt: 1_700_000_000_000 + minute * 60_000 }),
    )
    const store = await seeded(records)
    const first = store.query({ sort: 'updatedAt', direction: 'desc', limit: 2 })
    expect(ids(first.items)).toEqual([records[0]?.id, records[2]?.id])
    const rest = store.query({
      sort: 'updatedAt',
      direction: 'desc',
      limit: 2,
      cursor: first.nextCursor ?? '',
    })
    expect(ids(rest.items)).toEqual([records[1]?.id])
    expect(rest.nextCursor).toBeNull()
  })

  it('finds prompts by word prefix, every term required, in prompt or negative prompt', async () => {
    const scarf = makeTaskRecord({ prompt: 'portrait, (red scarf:1.2), city street at night' })
    const umbrella = makeTaskRecord({ prompt: 'rain, red umbrella, <lora:add_detail:0.6>' })
    const negative = makeTaskRecord({ prompt: 'a cat', negativePrompt: 'scarves, blurry' })
    const store = await seeded([scarf, umbrella, negative])
    expect(ids(store.query({ text: 'scar' }).items).sort()).toEqual(ids([scarf, negative]).sort())
    expect(ids(store.query({ text: 'RED scarf' }).items)).toEqual([scarf.id])
    expect(ids(store.query({ text: 'add_detail' }).items)).toEqual([umbrella.id])
    expect(store.query({ text: 'red scarf' }).total).toBe(1)
    expect(store.query({ text: 'violet' }).total).toBe(0)
  })

  it('finds Chinese prompts by any substring', async () => {
    const chinese = makeTaskRecord({ prompt: '一个女孩，红色围巾，城市街道' })
    const other = makeTaskRecord({ prompt: '红色的花' })
    const store = await seeded([chinese, other])
    expect(ids(store.query({ text: '围巾' }).items)).toEqual([chinese.id])
    expect(ids(store.query({ text: '红色' }).items).sort()).toEqual(ids([chinese, other]).sort())
    expect(store.query({ text: '色围' }).total).toBe(1)
    expect(store.query({ text: '蓝色' }).total).toBe(0)
  })

  it('treats search syntax in the text as plain words', async () => {
    const store = await seeded([makeTaskRecord({ prompt: 'near the sea, and a "quoted" word' })])
    for (const text of ['NEAR(', '"quoted', 'sea*', 'a AND', '-sea', 'OR', '^near', ':', '"""']) {
      expect(() => store.query({ text })).not.toThrow()
    }
    expect(store.query({ text: '"quoted"' }).total).toBe(1)
    expect(store.query({ text: '  ,;  ' }).total).toBe(1)
  })

  it('filters by checkpoint, VAE (or none), status, profile and date, alone and with text', async () => {
    const day = 86_400_000
    const start = 1_710_000_000_000
    const a = makeTaskRecord({
      checkpoint: 'sdxl.safetensors',
      vae: 'sdxl-vae',
      status: 'failed',
      createdAt: start,
    })
    const b = makeTaskRecord({
      checkpoint: 'sdxl.safetensors',
      status: 'succeeded',
      profileId: 'p2',
      createdAt: start + day,
    })
    const c = makeTaskRecord({
      checkpoint: 'anime.ckpt',
      prompt: 'sdxl lookalike',
      createdAt: start + 2 * day,
    })
    const store = await seeded([a, b, c])
    const found = (query: Parameters<typeof store.query>[0]) => ids(store.query(query).items).sort()
    expect(found({ checkpoint: 'sdxl.safetensors' })).toEqual(ids([a, b]).sort())
    expect(found({ vae: 'sdxl-vae' })).toEqual([a.id])
    expect(found({ vae: '' })).toEqual(ids([b, c]).sort())
    expect(found({ status: ['failed', 'cancelled'] })).toEqual([a.id])
    expect(found({ status: [] })).toEqual([])
    expect(found({ profileId: 'p2' })).toEqual([b.id])
    expect(found({ from: start + day, to: start + day })).toEqual([b.id])
    expect(found({ from: start + day })).toEqual(ids([b, c]).sort())
    expect(found({ text: 'masterpiece', checkpoint: 'sdxl.safetensors', status: ['succeeded'] })).toEqual([
      b.id,
    ])
    expect(store.query({ text: 'masterpiece', checkpoint: 'sdxl.safetensors' }).total).toBe(2)
    expect(store.query({ text: 'masterpiece', to: start }).total).toBe(1)
  })

  it('searches the prompt a task has now, after an edit', async () => {
    const record = makeTaskRecord({ prompt: 'old words' })
    const store = await seeded([record])
    store.update(record.id, { params: { ...sd(record).params, prompt: 'new phrasing' } })
    expect(store.query({ text: 'old' }).total).toBe(0)
    expect(ids(store.query({ text: 'phrasing' }).items)).toEqual([record.id])
  })

  it('refuses pages over 500 and malformed cursors', async () => {
    const store = await seeded([makeTaskRecord()])
    await expectAppError(() => store.query({ limit: 501 }), 'invalid_request')
    await expectAppError(() => store.query({ cursor: 'not-a-cursor' }), 'invalid_request')
    expect(store.query({ limit: 500 }).items).toHaveLength(1)
  })
})
