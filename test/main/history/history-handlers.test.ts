import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  historyLimits,
  text2ImageParamsSchema,
  type ProcedureInput,
  type ProcedureName,
  type ProcedureOutput,
  type Result,
  type TaskRecord,
} from '#contract'
import { createApiClient } from '../../../main/services/api/api-client'
import type { Services } from '../../../main/services/create-services'
import { createImageCache } from '../../../main/services/images/image-cache'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { paintImage } from '../../../main/simulator/png'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'
import { makeTaskRecord } from './fixtures/task-records'
import { sd } from '../sd-task'

/** Calls a procedure the way every transport does: through the dispatcher, input and output checked. */
async function call<K extends ProcedureName>(
  services: Services,
  name: K,
  input: ProcedureInput<K>,
): Promise<Result<ProcedureOutput<K>>> {
  return (await services.dispatch(name, input, { transport: 'in-process' })) as Result<ProcedureOutput<K>>
}

async function value<K extends ProcedureName>(services: Services, name: K, input: ProcedureInput<K>) {
  const result = await call(services, name, input)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`)
  return result.value
}

const imageOf = (cacheKey: string, seed = 1) => ({
  url: `https://aigcoss.zhiqiteai.cn/api/outputs/${cacheKey}.png`,
  seed,
  status: 2,
  auditPassed: true,
  auditLabels: [],
  cacheKey,
})

describe('history procedures', () => {
  const tempDir = useTempDirs()
  const openServices = useServices()

  async function servicesWith(records: readonly TaskRecord[] = []) {
    const dataDir = await tempDir()
    const services = await openServices({ dataDir })
    for (const record of records) services.history.insert(record)
    return { services, dataDir }
  }

  it('pages through the history with cursors, newest first, never repeating a task', async () => {
    const records = Array.from({ length: 120 }, (_, index) =>
      makeTaskRecord({ createdAt: 1_700_000_000_000 + index * 1000 }),
    )
    const { services } = await servicesWith(records)
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 5; page += 1) {
      const answer = await value(services, 'history.list', { limit: 50, cursor })
      expect(answer.total).toBe(120)
      seen.push(...answer.items.map((item) => item.id))
      if (answer.nextCursor === null) break
      cursor = answer.nextCursor
    }
    expect(seen).toEqual(records.map((record) => record.id).reverse())
  })

  it('finds tasks by a prompt word and answers not_found for an unknown id', async () => {
    const { services } = await servicesWith([
      makeTaskRecord({ prompt: 'a lighthouse in a storm' }),
      makeTaskRecord({ prompt: 'a cat on a sofa' }),
    ])
    const found = await value(services, 'history.list', { text: 'lighthou' })
    expect(found.items.map((item) => sd(item).params.prompt)).toEqual(['a lighthouse in a storm'])
    const missing = await call(services, 'history.get', { id: 'no-such-task' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('deletes tasks and the cached images no other task uses', async () => {
    const dataDir = await tempDir()
    const cache = createImageCache({ dataDir, logger: createLogger({ redactor: createSecretRedactor() }) })
    const own = await cache.put(paintImage({ key: 'own', width: 16, height: 16, progress: 1 }))
    const shared = await cache.put(paintImage({ key: 'shared', width: 16, height: 16, progress: 1 }))
    const doomed = makeTaskRecord({ images: [imageOf(own.cacheKey), imageOf(shared.cacheKey, 2)] })
    const keeper = makeTaskRecord({ images: [imageOf(shared.cacheKey)] })
    const services = await openServices({ dataDir })
    services.history.insert(doomed)
    services.history.insert(keeper)

    expect(await value(services, 'history.delete', { ids: [doomed.id, 'never-existed'] })).toEqual({
      deleted: 1,
    })
    expect(await cache.has(own.cacheKey)).toBe(false)
    expect(await cache.has(shared.cacheKey)).toBe(true)
    expect(await call(services, 'history.get', { id: doomed.id })).toMatchObject({ ok: false })
    expect(
      (await value(services, 'images.get', { cacheKey: shared.cacheKey, size: 'thumb' })).dataUrl,
    ).toMatch(/^data:image\//)
    await cache.close()
  })

  it('refuses to delete more than the per-call limit of ids', async () => {
    const { services } = await servicesWith()
    const ids = Array.from({ length: historyLimits.idsPerCall + 1 }, (_, index) => `t${index}`)
    expect(await call(services, 'history.delete', { ids })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
  })

  it.each(['jsonl', 'csv'] as const)(
    'exports selected tasks as %s and imports them into another history',
    async (format) => {
      const chosen = [
        makeTaskRecord({ prompt: 'a "quoted", prompt\nwith lines', vae: 'kl-f8-anime2.ckpt' }),
        makeTaskRecord({ status: 'failed', error: { code: 'server', message: 'The service failed.' } }),
      ]
      const { services } = await servicesWith([...chosen, makeTaskRecord({ prompt: 'not exported' })])
      const exported = await value(services, 'history.export', {
        ids: chosen.map((record) => record.id),
        format,
      })
      expect(exported.count).toBe(2)
      expect(exported.fileName).toMatch(new RegExp(`^img-open-history-\\d{8}-\\d{6}\\.${format}$`))

      const { services: other } = await servicesWith()
      const result = await value(other, 'history.import', { format, content: exported.content })
      expect(result).toEqual({ imported: 2, duplicates: 0, errors: [] })
      for (const record of chosen)
        expect(await value(other, 'history.get', { id: record.id })).toEqual(record)
      expect(await value(other, 'history.import', { format, content: exported.content })).toMatchObject({
        duplicates: 2,
      })
    },
  )

  it('refuses an export larger than the transfer cap, saying how large it may be', async () => {
    const prompt = 'x'.repeat(8000)
    // About 16.5 KB a task: 1,100 tasks export to more than 16 MiB, in two imports under it.
    const lines = Array.from({ length: 1100 }, () =>
      JSON.stringify(makeTaskRecord({ prompt, negativePrompt: prompt })),
    )
    const { services } = await servicesWith()
    for (const part of [lines.slice(0, 550), lines.slice(550)]) {
      expect(
        await value(services, 'history.import', { format: 'jsonl', content: part.join('\n') }),
      ).toMatchObject({ imported: 550 })
    }
    const answer = await call(services, 'history.export', { format: 'jsonl' })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', details: { maxBytes: historyLimits.transferMaxBytes, count: 1100 } },
    })
  })

  it('gives a task as A1111 infotext with the chosen image seed', async () => {
    const record = makeTaskRecord({
      prompt: 'a red fox',
      params: { steps: 30 },
      images: [imageOf('a'.repeat(64), 777)],
    })
    const { services } = await servicesWith([record])
    const { text } = await value(services, 'history.infotext', { id: record.id, imageIndex: 0 })
    expect(text.split('\n')[0]).toBe('a red fox')
    expect(text).toContain('Steps: 30')
    expect(text).toContain('Seed: 777')
  })

  it('reports a damaged history file kept aside until the user dismisses the notice', async () => {
    const dataDir = await tempDir()
    await writeFile(join(dataDir, 'history.db'), 'this is not a database, it was damaged'.repeat(200))
    const services = await openServices({ dataDir })
    const recovery = await value(services, 'history.recovery', {})
    expect(recovery?.keptAs).toMatch(/^history\.corrupt-.*\.db$/)
    expect(recovery?.recovered).toBe(0)
    expect(await value(services, 'history.dismissRecovery', {})).toEqual({})
    expect(await value(services, 'history.recovery', {})).toBeNull()
  })

  it('has no recovery to report for a healthy history', async () => {
    const { services } = await servicesWith()
    expect(await value(services, 'history.recovery', {})).toBeNull()
  })
})

describe('looking a task up in the service archive', () => {
  const tempDir = useTempDirs()
  const openServices = useServices()

  it('records a task the demo service knows, then refreshes it with its images once finished', async () => {
    const services = await openServices({ dataDir: await tempDir() })
    const connection = await services.profiles.resolveConnection('demo')
    const api = createApiClient({ logger: services.logger })
    const taskId = randomUUID()
    const params = text2ImageParamsSchema.parse({
      prompt: 'a lighthouse',
      steps: 2,
      batch_size: 2,
      alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
    })
    await api.submit(connection, 'text2image-v2', taskId, params)

    const first = await value(services, 'history.lookupArchived', { taskId })
    expect(first).toMatchObject({ id: taskId, profileId: 'demo', paramsUnknown: true })
    expect(sd(first).params.prompt).toBe('?')
    await expect
      .poll(async () => (await value(services, 'history.lookupArchived', { taskId })).status, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe('succeeded')
    const stored = await value(services, 'history.get', { id: taskId })
    expect(stored.images).toHaveLength(2)
    expect(stored.finishedAt).not.toBeNull()
    const cacheKey = stored.images[0]?.cacheKey ?? ''
    expect((await value(services, 'images.get', { cacheKey, size: 'thumb' })).dataUrl).toMatch(
      /^data:image\/webp;base64,/,
    )
    expect(await call(services, 'history.infotext', { id: taskId })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    })
    expect((await value(services, 'history.list', {})).items.map((item) => item.id)).toEqual([taskId])
    await api.close()
  })

  it('answers not_found for a task the service has never seen, recording nothing', async () => {
    const services = await openServices({ dataDir: await tempDir() })
    const answer = await call(services, 'history.lookupArchived', {
      taskId: 'never-submitted-task',
      profileId: 'demo',
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect((await value(services, 'history.list', {})).total).toBe(0)
  })
})
