import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { assetListGuess } from '../../../main/services/api/api-guesses'
import { apiPaths } from '../../../main/services/api/api-paths'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { get, post, submitBody, useSimulators } from './sim-test-kit'

const seedExample = JSON.parse(
  readFileSync(new URL('../../fixtures/api/seed-text2image-v2.json', import.meta.url), 'utf8'),
) as Record<string, unknown>

const modelList = assetListGuess.checkpoint.path

describe('simulator: auth', () => {
  const start = useSimulators()

  it('accepts the test keys and refuses wrong or missing ones with the auth business error', async () => {
    const simulator = await start()
    expect((await post(simulator, modelList, { pageNum: 1, pageSize: 1 })).json?.code).toBe('200')
    const wrong = await post(
      simulator,
      modelList,
      { pageNum: 1, pageSize: 1 },
      { keys: { ...simulatorTestKeys, accessKeySecret: 'x'.repeat(32) } },
    )
    expect([wrong.status, wrong.json?.code, wrong.json?.data]).toEqual([200, '401', null])
    expect((await post(simulator, modelList, { pageNum: 1, pageSize: 1 }, { keys: null })).json?.code).toBe(
      '401',
    )
  })

  it('in demo mode also accepts calls without keys, but never wrong keys', async () => {
    const simulator = await start({ demo: true })
    expect((await post(simulator, modelList, { pageNum: 1, pageSize: 1 }, { keys: null })).json?.code).toBe(
      '200',
    )
    const wrong = await post(
      simulator,
      modelList,
      { pageNum: 1, pageSize: 1 },
      { keys: { accessKeyId: 'openapi-0000000000000000', accessKeySecret: 'y'.repeat(32) } },
    )
    expect(wrong.json?.code).toBe('401')
  })
})

describe('simulator: text2image validation', () => {
  const start = useSimulators()

  it('accepts the vendor seed example as is and answers task_id = id_task', async () => {
    const simulator = await start()
    const answer = await post(simulator, apiPaths.text2image, seedExample)
    expect(answer.json).toEqual({ code: '200', msg: 'success', data: { task_id: 'pro1686666' } })
  })

  it('also accepts the model and task id at the top level', async () => {
    const simulator = await start()
    const { alwayson_scripts: _scripts, ...rest } = submitBody('unused')
    const answer = await post(simulator, apiPaths.text2image, {
      ...rest,
      sd_model_checkpoint: 'photon_v1_84728.safetensors',
      id_task: 'top',
    })
    expect(answer.json?.data).toEqual({ task_id: 'top' })
  })

  it.each([
    ['width', { width: 513 }],
    ['cfg_scale', { cfg_scale: 31 }],
    ['prompt', { prompt: '' }],
    ['seed', { seed: 'lucky' }],
    [
      'alwayson_scripts.id_task',
      { alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' } },
    ],
    [
      'alwayson_scripts.sd_model_checkpoint',
      { alwayson_scripts: { sd_model_checkpoint: 'nope.safetensors', id_task: 'x' } },
    ],
    [
      'alwayson_scripts.sd_vae',
      {
        alwayson_scripts: {
          sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
          sd_vae: 'bad.vae',
          id_task: 'x',
        },
      },
    ],
    [
      'alwayson_scripts.ADetailer.args.0.ad_confidence',
      {
        alwayson_scripts: {
          sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
          id_task: 'x',
          ADetailer: { args: [{ ad_confidence: 3 }] },
        },
      },
    ],
  ])('rejects a bad %s, naming the field', async (field, overrides) => {
    const simulator = await start()
    const answer = await post(simulator, apiPaths.text2image, submitBody('v', overrides))
    expect(answer.json?.code).toBe('400')
    expect(answer.json?.msg).toContain(`invalid parameter: ${field}:`)
    expect(simulator.tasks.count()).toBe(0)
  })

  it('rejects a body that is not JSON', async () => {
    const simulator = await start()
    expect((await post(simulator, apiPaths.text2image, '{"prompt":')).json?.msg).toContain(
      'invalid parameter: body',
    )
  })

  it('validates v3 bodies by the v3 bounds and answers taskId and businessTaskId', async () => {
    const simulator = await start()
    const body = {
      prompt: 'x',
      width: 512,
      height: 512,
      baseModelCode: 'photon_v1_84728.safetensors',
      businessTaskId: 'v3',
    }
    expect((await post(simulator, apiPaths.text2imageV3, body)).json?.data).toMatchObject({
      businessTaskId: 'v3',
      taskId: expect.stringMatching(/^\d+$/),
    })
    expect((await post(simulator, apiPaths.text2imageV3, { ...body, width: 2048 })).json?.msg).toContain(
      'width',
    )
    expect(
      (await post(simulator, apiPaths.text2imageV3, { ...body, businessTaskId: undefined })).json?.msg,
    ).toContain('businessTaskId')
  })
})

describe('simulator: tasks over simulated time', () => {
  const start = useSimulators()

  it('goes queued → running (percent, preview) → succeeded with one real PNG per image', async () => {
    let now = 1_000_000
    const simulator = await start({ clock: () => now, timing: { queueMs: 1_000, msPerStep: 100 } })
    await post(simulator, apiPaths.text2image, submitBody('life', { n_iter: 2, batch_size: 2 }))
    const query = async () =>
      (await post(simulator, apiPaths.queryTask, { businessTaskId: 'life' })).json?.data ?? {}
    expect(await query()).toMatchObject({
      id_task: 'life',
      status: 0,
      temporaryImageDto: null,
      differentialImageRspList: [],
    })
    now += 1_000 + 1_000 // queue, then half of 2 batches × 10 steps × 100 ms
    const running = await query()
    expect(running).toMatchObject({ status: 1, temporaryImageDto: { percent: 50 } })
    const previewUrl = (running.temporaryImageDto as { imageUrl: string }).imageUrl
    expect((await get(previewUrl)).contentType).toBe('image/png')
    now += 1_000
    const done = await query()
    expect(done).toMatchObject({ status: 2, desc: '任务成功 !', temporaryImageDto: null })
    const rows = done.differentialImageRspList as { image_url: string; seed: number; image_status: number }[]
    expect(rows.map((row) => row.seed)).toEqual([1234, 1235, 1236, 1237])
    const image = await get(rows[0]?.image_url ?? '')
    const metadata = await sharp(image.bytes).metadata()
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 512, 768])
  })

  it('paints the same image for the same prompt and seed, and another for another seed', async () => {
    let now = 0
    const first = await start({ clock: () => now, timing: { queueMs: 0, msPerStep: 1 } })
    const second = await start({ clock: () => now, timing: { queueMs: 0, msPerStep: 1 } })
    await post(first, apiPaths.text2image, submitBody('a'))
    await post(second, apiPaths.text2image, submitBody('b'))
    await post(second, apiPaths.text2image, submitBody('c', { seed: '999' }))
    now = 1_000
    const bytes = async (simulator: typeof first, id: string) => {
      const image = await get(`${simulator.url}/sim-images/task/${id}/0.png`)
      expect(image.status).toBe(200)
      return image.bytes
    }
    expect((await bytes(first, 'a')).equals(await bytes(second, 'b'))).toBe(true)
    expect((await bytes(second, 'b')).equals(await bytes(second, 'c'))).toBe(false)
  })

  it('serves no final image before the task succeeded', async () => {
    const simulator = await start({ clock: () => 0 })
    await post(simulator, apiPaths.text2image, submitBody('early'))
    expect((await get(`${simulator.url}/sim-images/task/early/0.png`)).status).toBe(404)
  })

  it('moves old tasks from the realtime query to the archive', async () => {
    let now = 0
    const simulator = await start({
      clock: () => now,
      archiveAfterMs: 10_000,
      timing: { queueMs: 0, msPerStep: 1 },
    })
    await post(simulator, apiPaths.text2image, submitBody('aged'))
    now = 20_000
    expect((await post(simulator, apiPaths.queryTask, { businessTaskId: 'aged' })).json?.code).toBe('404')
    const archived = (await post(simulator, apiPaths.queryArchivedTask, { businessTaskId: 'aged' })).json
      ?.data
    expect(archived).toMatchObject({ task_id: 'aged', status: 2 })
    expect(archived).not.toHaveProperty('temporaryImageDto')
  })
})

describe('simulator: lists', () => {
  const start = useSimulators()

  it('pages the model list and filters it by name', async () => {
    const simulator = await start()
    const page = (await post(simulator, modelList, { pageNum: 2, pageSize: 2 })).json?.data
    expect(page).toMatchObject({ total: 6, pageNum: 2, pageSize: 2 })
    const photon = (await post(simulator, modelList, { pageNum: 1, pageSize: 10, sdModelName: 'photon' }))
      .json?.data
    expect(photon?.rows).toEqual([
      expect.objectContaining({ sdModelCheckpoint: 'photon_v1_84728.safetensors', modelType: 'Checkpoint' }),
    ])
    expect(Object.keys((photon?.rows as object[])[0] ?? {})).toHaveLength(12)
    expect((await post(simulator, modelList, { pageNum: 1 })).json?.msg).toContain('pageSize')
  })

  it('serves the LoRA, VAE and embedding lists at the guessed paths', async () => {
    const simulator = await start()
    const names = async (kind: 'lora' | 'vae' | 'embedding', field: string) =>
      (
        (await post(simulator, assetListGuess[kind].path, { pageNum: 1, pageSize: 20 })).json?.data
          ?.rows as Record<string, unknown>[]
      ).map((row) => row[field])
    expect(await names('lora', 'sdLoraFileSimplifyName')).toContain('add_detail')
    expect(await names('vae', 'sdVaeName')).toContain('vae-ft-mse-840000-ema-pruned.ckpt')
    expect(await names('embedding', 'sdEmbeddingName')).toContain('EasyNegative')
  })
})
