import { describe, expect, it } from 'vitest'
import {
  authHeaders,
  trainingParamsSchema,
  trainingRow,
  trainingStartIds,
  trainingStarts,
  trainingSubmitSchema,
} from '#contract'
import { startSimulator } from '../../main/simulator/simulator'
import { simulatorTestKeys } from '../../main/simulator/sim-keys'

/** Every field of §14's table, under the table's camelCase names (`taskId` is the client's). */
const documented = [
  'fileUrlList',
  'maxEpochs',
  'batchSize',
  'learningRate',
  'maxTokenLength',
  'clipSkip',
  'randomCrop',
  'cacheLatents',
  'cacheLatentsToDisk',
  'enableBucket',
  'v2',
  'flipAug',
  'colorAug',
  'pretrainedModel',
  'mixedPrecision',
  'savePrecision',
  'lrScheduler',
  'optimizerType',
  'textEncoderLr',
  'unetLr',
  'networkModule',
  'networkArgs',
  'repeats',
  'seed',
  'resolution',
  'minBucketReso',
  'maxBucketReso',
  'networkDim',
  'networkAlpha',
  'gradientAccumulationSteps',
  'numCpuThreadsPerProcess',
  'lrWarmupSteps',
  'networkDropout',
  'rankDropout',
  'moduleDropout',
  'noiseOffset',
]

/** §14's documented ranges: [field, lowest allowed, highest allowed, just below, just above]. */
const ranges: [string, unknown, unknown, unknown, unknown][] = [
  ['maxEpochs', 10, 50, 9, 51],
  ['batchSize', 1, 4, 0, 5],
  ['learningRate', '0.0000001', '0.0001', '0.00000001', '0.0002'],
  ['clipSkip', 1, 5, 0, 6],
  ['numCpuThreadsPerProcess', 1, 20, 0, 21],
  ['lrWarmupSteps', 0, 100, -1, 101],
  ['networkDropout', 0, 1, -0.01, 1.01],
  ['rankDropout', 0, 1, -0.01, 1.01],
  ['moduleDropout', 0, 1, -0.01, 1.01],
  ['noiseOffset', 0, 1, -0.01, 1.01],
]

const issuesOf = (params: Record<string, unknown>) =>
  trainingParamsSchema.safeParse(params).error?.issues.map((issue) => String(issue.path[0])) ?? []

describe('the training row (§14)', () => {
  it('has every documented field under its camelCase name, plus the pass-through callbackUrl', () => {
    expect(trainingRow.fields.map((field) => field.name).sort()).toEqual(
      [...documented, 'callbackUrl'].sort(),
    )
    expect(trainingRow.path).toBe('/AIGCImgOpenServ/saas/modelTraining/submitTraining/Job')
  })

  it.each(ranges)(
    'takes %s from %s to %s and refuses %s and %s, naming the field',
    (field, low, high, below, above) => {
      expect(issuesOf({ [field]: low })).toEqual([])
      expect(issuesOf({ [field]: high })).toEqual([])
      expect(issuesOf({ [field]: below })).toEqual([field])
      expect(issuesOf({ [field]: above })).toEqual([field])
    },
  )

  it('takes maxTokenLength 0, 150 or 225 only, and learningRate only as text', () => {
    for (const value of [0, 150, 225]) expect(issuesOf({ maxTokenLength: value })).toEqual([])
    expect(issuesOf({ maxTokenLength: 200 })).toEqual(['maxTokenLength'])
    expect(issuesOf({ learningRate: 0.00001 })).toEqual(['learningRate'])
  })

  it('names a snake_case field from the page’s example as unknown instead of dropping it', () => {
    const issue = trainingParamsSchema.safeParse({ max_epochs: 20 }).error?.issues[0]
    expect(issue).toMatchObject({ code: 'unrecognized_keys', keys: ['max_epochs'] })
  })

  it('fills valid fields from every starting point', () => {
    for (const id of trainingStartIds) expect(issuesOf({ ...trainingStarts[id].params })).toEqual([])
  })

  it('takes 10–100 images and links lasting 1–7 days', () => {
    const paths = (count: number) => Array.from({ length: count }, (_, at) => `/data/${at}.png`)
    const submit = (count: number, days = 7) =>
      trainingSubmitSchema.safeParse({ datasetPaths: paths(count), params: {}, linkLifetimeDays: days })
        .success
    expect([submit(9), submit(10), submit(100), submit(101)]).toEqual([false, true, true, false])
    expect([submit(10, 0), submit(10, 1), submit(10, 8)]).toEqual([false, true, false])
  })

  it('is enforced by the simulator over HTTP, which names the field', async () => {
    const simulator = await startSimulator({ keys: [simulatorTestKeys] })
    try {
      const send = async (body: Record<string, unknown>) => {
        const answer = await fetch(`${simulator.url}${trainingRow.path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [authHeaders.accessKeyId]: simulatorTestKeys.accessKeyId,
            [authHeaders.accessKeySecret]: simulatorTestKeys.accessKeySecret,
          },
          body: JSON.stringify(body),
        })
        return (await answer.json()) as { code: string; msg: string }
      }
      const links = Array.from({ length: 10 }, (_, at) => `http://127.0.0.1:9/${at}.png`)
      expect((await send({ taskId: 't-1', fileUrlList: links, batchSize: 5 })).msg).toContain('batchSize')
      expect((await send({ taskId: 't-1', fileUrlList: links.slice(0, 9) })).msg).toContain('fileUrlList')
      expect((await send({ taskId: 't-1', fileUrlList: links, max_epochs: 20 })).msg).toContain('max_epochs')
      expect((await send({ fileUrlList: links })).msg).toContain('taskId')
      expect(simulator.training.jobs()).toHaveLength(0)
    } finally {
      await simulator.close()
    }
  })
})
