import { describe, expect, it } from 'vitest'
import { apiPaths } from '../../../main/services/api/api-paths'
import { post, useSimulators } from './sim-test-kit'

/** A small valid v3 body (§2's names; model code and task id as guess 11 names them). */
const v3Body = (taskId: string, overrides: Record<string, unknown> = {}) => ({
  prompt: 'a red fox in the snow',
  steps: 10,
  seed: '5',
  width: 512,
  height: 512,
  promptGuidanceFactor: 7.5,
  baseModelCode: 'revAnimated_v122_7371.safetensors',
  businessTaskId: taskId,
  ...overrides,
})

describe('simulator: text2image v3 validation (§2)', () => {
  const start = useSimulators()

  it('takes every field §2 lists, with its type, and the hires fields with the hires fix on', async () => {
    const simulator = await start()
    const body = v3Body('all-fields', {
      negativePrompt: 'blurry',
      iterationCount: 1,
      singleBatchImageCount: 2,
      subSeed: '-1',
      subSeedStrength: 0.2,
      initialNoiseHeight: -1,
      initialNoiseWeight: 640,
      restoreFaces: false,
      enableHighDefinitionRepair: true,
      tilling: false,
      samplerName: 'None',
      samplerIndex: 'Euler a',
      deNoisingStrength: 0.5,
      styles: ['cinematic'],
      scriptName: 'none',
      scriptArgs: {},
      callbackUrl: 'https://example.com/hook',
      firstPhaseWidth: 0,
      firstPhaseHeight: 256,
      highDefinitionRepairScale: 1.5,
      highDefinitionRepairEnlarger: 'Latent',
      highDefinitionRepairPostSteps: 8,
      vaeName: 'vae-ft-mse-840000-ema-pruned.ckpt',
      targetImageFormat: 'png',
    })
    const answer = await post(simulator, apiPaths.text2imageV3, body)
    expect(answer.json?.code, answer.json?.msg).toBe('200')
    expect(simulator.tasks.get('all-fields')).toMatchObject({ version: 'v3', imageCount: 2 })
  })

  it('refuses §2 wire types and fields §2 does not list, naming the field; no task is made', async () => {
    const simulator = await start()
    const cases: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
      [{ seed: 5 }, 'seed'],
      [{ seed: '1.5' }, 'seed'],
      [{ subSeed: 7 }, 'subSeed'],
      [{ width: '512' }, 'width'],
      [{ restoreFaces: 'false' }, 'restoreFaces'],
      [{ enableHighDefinitionRepair: 'true' }, 'enableHighDefinitionRepair'],
      [{ styles: 'cinematic' }, 'styles'],
      // v2's names and fields v3 does not have.
      [{ cfg_scale: 7 }, 'cfg_scale'],
      [{ resize_mode: 1 }, 'resize_mode'],
      [{ alwayson_scripts: { sd_model_checkpoint: 'x' } }, 'alwayson_scripts'],
      // §2's own bounds, tighter than v2's.
      [{ width: 1536 }, 'width'],
      [{ height: 64 }, 'height'],
      [{ firstPhaseWidth: 2048 }, 'firstPhaseWidth'],
      [{ prompt: 'x'.repeat(2001) }, 'prompt'],
    ]
    for (const [overrides, field] of cases) {
      const answer = await post(simulator, apiPaths.text2imageV3, v3Body('refused', overrides))
      expect(answer.json?.code, field).toBe('400')
      expect(answer.json?.msg.startsWith(`invalid parameter: ${field}: `), answer.json?.msg).toBe(true)
    }
    expect(simulator.tasks.count()).toBe(0)
  })

  it('refuses hires settings sent without enableHighDefinitionRepair: true, which would ignore them', async () => {
    const simulator = await start()
    for (const [hires, flag] of [
      [{ highDefinitionRepairScale: 2 }, {}],
      [{ highDefinitionRepairPostSteps: 10 }, { enableHighDefinitionRepair: false }],
      [{ highDefinitionRepairEnlarger: 'Latent' }, {}],
    ] as const) {
      const answer = await post(simulator, apiPaths.text2imageV3, v3Body('hires-off', { ...hires, ...flag }))
      expect(answer.json?.msg).toMatch(
        new RegExp(
          `^invalid parameter: enableHighDefinitionRepair: must be true when ${Object.keys(hires)[0]}`,
        ),
      )
    }
    expect(simulator.tasks.count()).toBe(0)
    const on = { highDefinitionRepairScale: 2, enableHighDefinitionRepair: true }
    expect((await post(simulator, apiPaths.text2imageV3, v3Body('hires-on', on))).json?.code).toBe('200')
  })
})
