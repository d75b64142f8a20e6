import { describe, expect, it } from 'vitest'
import { defaultDraft, type ParamsDraft } from '../../../renderer/src/features/workbench/draft'
import { nearestNames, stemOf } from '../../../renderer/src/features/workbench/preflight/name-match'
import { preflightNames, replaceAt } from '../../../renderer/src/features/workbench/preflight/preflight'

const known = {
  checkpoints: [
    'dreamshaper_8_128713.safetensors',
    'revAnimated_v122_7371.safetensors',
    'photon_v1_84728.safetensors',
  ],
  vaes: ['vae-ft-mse-840000-ema-pruned.ckpt'],
  loras: ['add_detail', 'more_details', 'blindbox_v1_mix'],
  embeddings: ['EasyNegative', 'badhandv4'],
}
const none = { checkpoints: [], vaes: [], loras: [], embeddings: [] }
const draft = (patch: Partial<ParamsDraft>, checkpoint = 'photon_v1_84728.safetensors'): ParamsDraft => ({
  ...defaultDraft,
  ...patch,
  alwayson_scripts: { ...defaultDraft.alwayson_scripts, sd_model_checkpoint: checkpoint },
})

describe('pre-flight name check', () => {
  it('matches an infotext model name without extension to the listed file, as A1111 does', () => {
    expect(stemOf('Dreamshaper_8.safetensors')).toBe('dreamshaper_8')
    expect(nearestNames('dreamshaper_8', known.checkpoints)[0]).toBe('dreamshaper_8_128713.safetensors')
    expect(nearestNames('revAnimated_v122_7371', known.checkpoints)).toEqual([
      'revAnimated_v122_7371.safetensors',
    ])
    expect(nearestNames('photn_v1_84728.safetensors', known.checkpoints)).toEqual([
      'photon_v1_84728.safetensors',
    ])
    expect(nearestNames('something else entirely', known.checkpoints)).toEqual([])
  })

  it('flags an unknown checkpoint, VAE, LoRA and a mis-cased embedding with suggestions; listed names pass', () => {
    const flags = preflightNames(
      {
        ...draft(
          {
            prompt: 'a cat <lora:add_detal:0.7> <lora:more_details:1>',
            negative_prompt: 'easynegative, blurry',
          },
          'dreamshaper_8',
        ),
        alwayson_scripts: { sd_model_checkpoint: 'dreamshaper_8', sd_vae: 'vae-ft-mse' },
      },
      known,
      none,
    )
    expect(flags.map((flag) => [flag.kind, flag.name, flag.problem, flag.suggestions[0]])).toEqual([
      ['checkpoint', 'dreamshaper_8', 'unknown', 'dreamshaper_8_128713.safetensors'],
      ['vae', 'vae-ft-mse', 'unknown', 'vae-ft-mse-840000-ema-pruned.ckpt'],
      ['lora', 'add_detal', 'unknown', 'add_detail'],
      ['embedding', 'easynegative', 'unknown', 'EasyNegative'],
    ])
    const lora = flags[2]
    if (!lora?.at) throw new Error('no place')
    expect(replaceAt('a cat <lora:add_detal:0.7> <lora:more_details:1>', lora.at, 'add_detail')).toBe(
      'a cat <lora:add_detail:0.7> <lora:more_details:1>',
    )
  })

  it('flags a preset a sync found missing on the server, and checks nothing without synced lists', () => {
    const missing = { ...none, checkpoints: ['gone_v1.safetensors'] }
    expect(preflightNames(draft({}, 'gone_v1.safetensors'), known, missing)[0]).toMatchObject({
      kind: 'checkpoint',
      problem: 'missing',
    })
    expect(preflightNames(draft({ prompt: '<lora:whatever:1>' }, 'anything'), none, none)).toEqual([])
  })
})
