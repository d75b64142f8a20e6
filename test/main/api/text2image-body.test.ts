import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  buildCurlCommand,
  buildText2ImageBody,
  buildText2ImageV3Body,
  text2ImageParamsSchema,
} from '#contract'
import { apiPaths } from '../../../main/services/api/api-paths'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useLoopbackServers } from '../../support/loopback-server'
import { params, useApiKit } from './api-test-kit'

const seedExample = JSON.parse(
  readFileSync(new URL('../../fixtures/api/seed-text2image-v2.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { seed: string; alwayson_scripts: Record<string, unknown> }

/** The seed example read back as the app's params (seed as a number, no id_task). */
const seedParams = () => {
  const { id_task: _taskId, ...scripts } = seedExample.alwayson_scripts
  return text2ImageParamsSchema.parse({
    ...seedExample,
    seed: Number(seedExample.seed),
    alwayson_scripts: scripts,
  })
}

describe('buildText2ImageBody', () => {
  it('reproduces the vendor seed example on the wire (plus the required batch_size)', () => {
    const body = buildText2ImageBody('pro1686666', seedParams())
    expect(body).toEqual({ ...seedExample, batch_size: 1 })
    expect(body.seed).toBe('1221212')
    expect(Object.keys(body.alwayson_scripts)).toEqual(Object.keys(seedExample.alwayson_scripts))
  })

  it('sends the random seed as the string "-1" and leaves unset optional fields out', () => {
    const body = buildText2ImageBody('t-1', params({ seed: -1 }))
    expect(body.seed).toBe('-1')
    expect(body).not.toHaveProperty('callbackUrl')
    expect(body).not.toHaveProperty('hr_upscaler')
    expect(body.alwayson_scripts).toEqual({
      sd_model_checkpoint: 'revAnimated_v122_7371.safetensors',
      id_task: 't-1',
      sd_vae: 'vae-ft-mse-840000-ema-pruned.ckpt',
    })
  })
})

describe('buildText2ImageV3Body', () => {
  it('uses the v3 camelCase names with the task id as businessTaskId and the model as baseModelCode', () => {
    const body = buildText2ImageV3Body('v3-task', params({ n_iter: 2, batch_size: 3, cfg_scale: 6.5 }))
    expect(body).toMatchObject({
      prompt: 'a lighthouse at dusk, oil painting',
      iterationCount: 2,
      singleBatchImageCount: 3,
      promptGuidanceFactor: 6.5,
      seed: '-1',
      baseModelCode: 'revAnimated_v122_7371.safetensors',
      vaeName: 'vae-ft-mse-840000-ema-pruned.ckpt',
      businessTaskId: 'v3-task',
    })
    expect(body).toMatchObject({ enableHighDefinitionRepair: false })
    expect(body).not.toHaveProperty('highDefinitionRepairScale')
  })

  it('adds the hires fields only when the hires fix is on', () => {
    const body = buildText2ImageV3Body(
      'v3-hr',
      params({ enable_hr: true, hr_scale: 1.5, hr_upscaler: 'Latent' }),
    )
    expect(body).toMatchObject({
      enableHighDefinitionRepair: true,
      highDefinitionRepairScale: 1.5,
      highDefinitionRepairEnlarger: 'Latent',
    })
  })
})

describe('buildCurlCommand', () => {
  const kit = useApiKit()
  const loopbackServer = useLoopbackServers()

  it('puts placeholders, never keys, in the auth headers', () => {
    const command = buildCurlCommand(
      'https://api.zhiqite.com/',
      apiPaths.text2image,
      buildText2ImageBody('t', params()),
    )
    expect(command).toContain("'https://api.zhiqite.com/AIGCImgOpenServ/saas/sd/v2/text2image'")
    expect(command).toContain('"X-Request-req-accessKeyId: $IMG_OPEN_ACCESS_KEY_ID"')
    expect(command).toContain('"X-Request-req-accessKeySecret: $IMG_OPEN_ACCESS_KEY_SECRET"')
    expect(command).not.toContain(simulatorTestKeys.accessKeySecret)
  })

  it('is a working command: run by a shell with the keys in the environment, it submits the task', async () => {
    const simulator = await kit.simulator()
    const prompt = 'it\'s a "quoted" prompt with $dollars and `ticks`'
    const command = buildCurlCommand(
      simulator.url,
      apiPaths.text2image,
      buildText2ImageBody('curl-task', params({ prompt })),
    )
    const { stdout } = await promisify(execFile)('bash', ['-c', `${command} --silent`], {
      env: {
        PATH: process.env.PATH,
        IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
        IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
      },
    })
    expect(JSON.parse(stdout)).toEqual({ code: '200', msg: 'success', data: { task_id: 'curl-task' } })
    expect(simulator.tasks.get('curl-task')?.prompt).toBe(prompt)
  })

  it('does not follow a redirect, so the secret header never reaches another host', async () => {
    const seen: string[] = []
    const elsewhere = await loopbackServer((req, res) => {
      seen.push(String(req.headers['x-request-req-accesskeysecret']))
      res.end('{}')
    })
    // Another host name for the same machine: curl would forward custom headers to it.
    const target = elsewhere.origin.replace('127.0.0.1', 'localhost')
    const service = await loopbackServer((_req, res) => {
      res.writeHead(307, { location: `${target}/stolen` }).end()
    })
    const command = buildCurlCommand(service.origin, apiPaths.text2image, buildText2ImageBody('t', params()))
    expect(command).not.toMatch(/--location|(^|\s)-L\b/)
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-c', `${command} --silent --write-out '%{http_code}'`],
      {
        env: {
          PATH: process.env.PATH,
          IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
          IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
        },
      },
    )
    expect(stdout).toBe('307')
    expect(seen).toEqual([])
  })
})
