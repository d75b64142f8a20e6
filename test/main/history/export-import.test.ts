import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { useTempDirs } from '../../support/temp-dir'
import { cacheKeyFor, makeTaskRecord } from './fixtures/task-records'
import { useHistoryStores } from './use-history-store'

/** Records that stress both formats: quotes, commas, newlines, Chinese, formula-like text, errors. */
function awkwardRecords(): TaskRecord[] {
  return [
    makeTaskRecord({ prompt: 'a "quoted", comma\nnew line, (red:1.2)', negativePrompt: '' }),
    makeTaskRecord({ prompt: '一个女孩，红色围巾', vae: 'vae-ft-mse.safetensors', description: '排队中' }),
    makeTaskRecord({
      prompt: '=HYPERLINK("http://evil.example")',
      negativePrompt: "'already quoted",
      profileName: '+danger',
      status: 'failed',
      finishedAt: 1_700_000_123_456,
      error: { code: 'server', message: 'The service failed.', details: { httpStatus: 500 } },
      images: [
        {
          url: 'https://aigcoss.zhiqiteai.cn/a.png',
          seed: 42,
          status: 2,
          auditPassed: false,
          auditLabels: ['x'],
          cacheKey: cacheKeyFor('c3'),
        },
      ],
    }),
    makeTaskRecord({ createdAt: 1_900_000_000_000.5, params: { seed: 4_294_967_295, cfg_scale: 6.5 } }),
    makeTaskRecord({ createdAt: 1_900_000_001_000, prompt: '?', checkpoint: '?', paramsUnknown: true }),
  ]
}

describe('history export and import', () => {
  const tempDir = useTempDirs()
  const openStore = useHistoryStores()

  async function storeWith(records: readonly TaskRecord[]) {
    const store = openStore(await tempDir())
    records.forEach((record) => store.insert(record))
    return store
  }

  it.each(['jsonl', 'csv'] as const)('round-trips every field through %s', async (format) => {
    const records = awkwardRecords()
    const source = await storeWith(records)
    const exported = await source.exportRecords('all', format)
    expect(exported.count).toBe(records.length)
    const target = openStore(await tempDir())
    expect(target.importRecords(exported.text ?? '', format)).toEqual({
      imported: records.length,
      duplicates: 0,
      errors: [],
    })
    for (const record of records) expect(target.get(record.id)).toEqual(record)
    expect(target.importRecords(exported.text ?? '', format)).toEqual({
      imported: 0,
      duplicates: records.length,
      errors: [],
    })
  })

  it('defuses spreadsheet formulas in CSV cells and keeps the JSON columns authoritative', async () => {
    const store = await storeWith(awkwardRecords())
    const { text = '' } = await store.exportRecords('all', 'csv')
    expect(text.split('\n')[0]).toMatch(/^id,kind,status,profileId,profileName,createdAt/)
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(text).toContain("'+danger")
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m)
  })

  it('exports only the chosen tasks, in creation order', async () => {
    const records = awkwardRecords()
    const store = await storeWith(records)
    const { text = '', count } = await store.exportRecords(
      [records[2]?.id ?? '', records[0]?.id ?? '', 'missing'],
      'jsonl',
    )
    expect(count).toBe(2)
    expect(
      text
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as TaskRecord).id),
    ).toEqual([records[0]?.id, records[2]?.id])
  })

  it('writes an export file durably, leaving no temp file behind', async () => {
    const store = await storeWith(awkwardRecords())
    const dir = await tempDir()
    const path = join(dir, 'exports', 'history.jsonl')
    expect(await store.exportRecords('all', 'jsonl', { path })).toEqual({ count: 5 })
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(5)
    expect(readdirSync(join(dir, 'exports'))).toEqual(['history.jsonl'])
  })

  it('keeps the good JSONL lines and names each bad one by line number', async () => {
    const [good1, good2] = [makeTaskRecord(), makeTaskRecord()]
    const lines = [
      JSON.stringify(good1),
      '{not json',
      '',
      JSON.stringify({ ...good2, id: '' }),
      JSON.stringify(good2),
      JSON.stringify(good1),
    ]
    const store = openStore(await tempDir())
    const result = store.importRecords(lines.join('\n'), 'jsonl')
    expect(result.imported).toBe(2)
    expect(result.duplicates).toBe(1)
    expect(result.errors.map((error) => error.line)).toEqual([2, 4])
    expect(result.errors[1]?.message).toMatch(/id/)
    expect(store.get(good2?.id ?? '')).toEqual(good2)
  })

  it('keeps the good CSV rows and names each bad one by the line it starts on', async () => {
    const records = awkwardRecords()
    const source = await storeWith(records)
    const { text = '' } = await source.exportRecords('all', 'csv')
    const rows = text.trimEnd().split('\n')
    // Line 2–3 hold the first record (its prompt has a newline); break the params JSON of record 2.
    const broken = rows.map((row, index) =>
      index === 3 ? row.replace('"{""prompt""', '"{""prompt"" oops') : row,
    )
    const store = openStore(await tempDir())
    const result = store.importRecords(broken.join('\n'), 'csv')
    expect(result.imported).toBe(records.length - 1)
    expect(result.errors).toEqual([{ line: 4, message: expect.stringMatching(/JSON/) }])
    expect(store.get(records[1]?.id ?? '')).toBeNull()
  })

  it('names a row whose status is not one the app knows', async () => {
    const source = await storeWith([makeTaskRecord({ id: 'only-one' })])
    const { text = '' } = await source.exportRecords('all', 'csv')
    const store = openStore(await tempDir())
    const result = store.importRecords(text.replace(',succeeded,', ',exploded,'), 'csv')
    expect(result).toMatchObject({
      imported: 0,
      errors: [{ line: 2, message: expect.stringMatching(/status/) }],
    })
  })
})
