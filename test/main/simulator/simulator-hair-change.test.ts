import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readToolAnswer, toolPath, toolQueryPath } from '#contract'
import { isSubmitPath } from '../../../main/simulator/sim-routes'
import { get, post, useSimulators } from './sim-test-kit'
import { solidPng, useSourceImageServers } from './source-image-server'

/*
 * Hair change has a path (§12's example) but no documented body: the simulator takes a photo link
 * and a style as a user would write them, so the demo profile's custom request gets an answer.
 */
const submitPath = toolPath('hair/change')
const queryPath = toolQueryPath('hair/change')

describe('simulator: hair change (body not documented)', () => {
  const start = useSimulators()
  const serve = useSourceImageServers()

  it('answers task_id, then the recoloured photo at its own size through queryTask', async () => {
    let now = 0
    const simulator = await start({ clock: () => now, timing: { queueMs: 10, msPerStep: 10 } })
    const files = await serve({ '/me.png': solidPng(200, 200, 200, 30) })
    const body = { businessTaskId: 'hair-1', imageUrl: files.url('/me.png'), hairStyle: 'bob' }
    const submitted = await post(simulator, submitPath, body)
    expect(submitted.json).toMatchObject({
      code: '200',
      data: { task_id: expect.stringMatching(/^pre\d+$/) },
    })
    expect(isSubmitPath(submitPath)).toBe(true)

    const running = await post(simulator, queryPath, { businessTaskId: 'hair-1' })
    expect(readToolAnswer('image', running.json).state).toBe('pending')
    now = 1_000
    const done = readToolAnswer(
      'image',
      (await post(simulator, queryPath, { businessTaskId: 'hair-1' })).json,
    )
    expect(done.state).toBe('done')
    const link = done.state === 'done' ? (done.output.images?.[0] ?? '') : ''
    const image = await get(link)
    expect(image.contentType).toBe('image/png')
    const { data, info } = await sharp(image.bytes).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([30, 30])
    // The hair (top third) changed colour; the face (bottom) is the photo as sent.
    expect(Array.from(data.subarray(0, 3))).not.toEqual([200, 200, 200])
    const bottom = (29 * 30 + 15) * info.channels
    expect(Array.from(data.subarray(bottom, bottom + 3))).toEqual([200, 200, 200])
    // A resent submit with the same id answers the same task.
    expect((await post(simulator, submitPath, body)).json?.data).toEqual(submitted.json?.data)
  })

  it('paints another colour for another style, and names a missing photo or a photo it cannot fetch', async () => {
    const simulator = await start({ timing: { queueMs: 0, msPerStep: 0 } })
    const files = await serve({ '/me.png': solidPng(200, 200, 200, 30) })
    const topOf = async (taskId: string, style: string) => {
      await post(simulator, submitPath, { businessTaskId: taskId, sourceImage: files.url('/me.png'), style })
      const done = readToolAnswer(
        'image',
        (await post(simulator, queryPath, { businessTaskId: taskId })).json,
      )
      const image = await get(done.state === 'done' ? (done.output.images?.[0] ?? '') : '')
      return Array.from((await sharp(image.bytes).raw().toBuffer()).subarray(0, 3))
    }
    expect(await topOf('h-a', 'bob')).not.toEqual(await topOf('h-b', 'long curly'))

    const none = await post(simulator, submitPath, { businessTaskId: 'h-c', hairStyle: 'bob' })
    expect(none.json).toMatchObject({
      code: expect.not.stringMatching(/^200$/),
      msg: expect.stringContaining('imageUrl'),
    })
    const far = await post(simulator, submitPath, {
      businessTaskId: 'h-d',
      imageUrl: 'https://far.example/me.png',
    })
    expect(far.json?.msg).toContain('imageUrl')
  })
})
