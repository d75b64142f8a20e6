import { describe, expect, it } from 'vitest'
import { parseInfotext } from '#contract/infotext'
import {
  checkpointOfInfotext,
  matchModelHash,
} from '../../../renderer/src/features/workbench/preflight/hash-match'

// SHA-256 of each file as a model list gives it (lowercased by the sync).
const index = {
  'dreamshaper_8_128713.safetensors': '879db523c30d3b9017143d56705015e15a2cb5628762c11d086fed9538abd7fd',
  'photon_v1_84728.safetensors': 'ec41bd2a8271acde4ae81cac004d9f3300e7fb0870eae8cbfe0bbc4ef8e27f91',
  'twin_a.safetensors': 'abcdef0123aaaa',
  'twin_b.safetensors': 'abcdef0123bbbb',
}

/** Infotext as A1111 1.x writes it under an image (AutoV2 short hash: 10 hex digits). */
const a1111 = (model: string, hash: string) =>
  [
    'masterpiece, a lighthouse at dusk, <lora:add_detail:0.6>',
    'Negative prompt: easynegative, blurry',
    `Steps: 25, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234567890, Size: 512x768, Model hash: ${hash}, Model: ${model}, Version: v1.7.0`,
  ].join('\n')

describe('matching an A1111 `Model hash` against the synced models', () => {
  it('resolves the AutoV2 short hash to the listed file, whatever the infotext calls the model', () => {
    const parsed = parseInfotext(a1111('dreamshaper_8', '879db523c3'))
    expect(parsed.unknown['Model hash']).toBe('879db523c3')
    const { checkpoint, note } = checkpointOfInfotext(
      parsed.params.alwayson_scripts?.sd_model_checkpoint,
      parsed.unknown,
      index,
    )
    expect(checkpoint).toBe('dreamshaper_8_128713.safetensors')
    expect(note?.match).toEqual({ outcome: 'matched', fileName: 'dreamshaper_8_128713.safetensors' })

    // A renamed file is still found by its hash (A1111 looks the hash up before the name).
    const renamed = parseInfotext(a1111('my_photo_model', 'EC41BD2A82'))
    expect(
      checkpointOfInfotext(renamed.params.alwayson_scripts?.sd_model_checkpoint, renamed.unknown, index)
        .checkpoint,
    ).toBe('photon_v1_84728.safetensors')
  })

  it('accepts the full SHA-256, and refuses a prefix two files share', () => {
    expect(matchModelHash(index['photon_v1_84728.safetensors'].toUpperCase(), index)).toEqual({
      outcome: 'matched',
      fileName: 'photon_v1_84728.safetensors',
    })
    expect(matchModelHash('abcdef0123', index)).toEqual({ outcome: 'none', listHasHashes: true })
  })

  it('keeps the name when the hash is old-style, unknown, or the lists give no hashes', () => {
    // A1111 before 1.1 wrote an 8-digit hash of a slice of the file, which no SHA-256 confirms.
    const old = parseInfotext(a1111('dreamshaper_8', '879db523'))
    const legacy = checkpointOfInfotext(old.params.alwayson_scripts?.sd_model_checkpoint, old.unknown, index)
    expect(legacy).toEqual({
      checkpoint: 'dreamshaper_8',
      note: { hash: '879db523', match: { outcome: 'legacy' } },
    })

    const stranger = parseInfotext(a1111('dreamshaper_8', '0123456789'))
    expect(
      checkpointOfInfotext(stranger.params.alwayson_scripts?.sd_model_checkpoint, stranger.unknown, index),
    ).toMatchObject({
      checkpoint: 'dreamshaper_8',
      note: { match: { outcome: 'none', listHasHashes: true } },
    })
    expect(matchModelHash('879db523c3', {})).toEqual({ outcome: 'none', listHasHashes: false })

    const noHash = parseInfotext('a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, Model: dreamshaper_8')
    expect(checkpointOfInfotext('dreamshaper_8', noHash.unknown, index)).toEqual({
      checkpoint: 'dreamshaper_8',
      note: null,
    })
  })
})
