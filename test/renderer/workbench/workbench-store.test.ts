import { beforeEach, describe, expect, it } from 'vitest'
import {
  adetailerUnitSchema,
  controlNetUnitSettingsSchema,
  image2ImageSettingsSchema,
  importedParamsSchema,
  text2ImageLimits,
  text2ImageParamsSchema,
} from '#contract'
import { adetailerSections } from '../../../renderer/src/features/workbench/adetailer-fields'
import { loadCatalog } from '../../../renderer/src/shared/i18n'
import { defaultDraft } from '../../../renderer/src/features/workbench/draft'
import { defaultControlNetUnit } from '../../../renderer/src/features/workbench/mode-drafts'
import { undoLimit } from '../../../renderer/src/features/workbench/draft-slice'
import {
  workbenchStorageKey,
  workbenchStoreVersion,
} from '../../../renderer/src/features/workbench/persistence'
import {
  selectCanRedo,
  selectCanUndo,
  selectTotalImages,
} from '../../../renderer/src/features/workbench/selectors'
import { aspectSize, nearestFamily } from '../../../renderer/src/features/workbench/sizes'
import { numberBounds, validateDraft } from '../../../renderer/src/features/workbench/validation'
import { createWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'

const newStore = () => createWorkbenchStore(() => localStorage)

const sdxlPreset = {
  fileName: 'sdXL_v10.safetensors',
  settings: {
    vae: 'sdxl_vae.safetensors',
    sampler: 'DPM++ 2M SDE Karras',
    steps: 30,
    cfgScale: 5.5,
    clipSkip: 2,
    width: 1024,
    height: 1024,
    negativePrompt: 'lowres, bad anatomy',
  },
}

beforeEach(() => localStorage.clear())

describe('workbench store: undo and redo', () => {
  it('undoes and redoes parameter changes in order', () => {
    const store = newStore()
    const { setParam } = store.getState()
    setParam('steps', 30)
    setParam('cfg_scale', 9)
    store.getState().undo()
    expect(store.getState().draft).toMatchObject({ steps: 30, cfg_scale: 7 })
    store.getState().undo()
    expect(store.getState().draft.steps).toBe(25)
    expect(selectCanUndo(store.getState())).toBe(false)
    store.getState().redo()
    store.getState().redo()
    expect(store.getState().draft).toMatchObject({ steps: 30, cfg_scale: 9 })
    expect(selectCanRedo(store.getState())).toBe(false)
  })

  it('makes one undo step of consecutive edits to the same field', () => {
    const store = newStore()
    for (const value of [1, 15, 150]) store.getState().setParam('steps', value)
    store.getState().setParam('prompt', 'a cat')
    store.getState().setParam('prompt', 'a cat on a mat')
    store.getState().undo()
    expect(store.getState().draft).toMatchObject({ prompt: '', steps: 150 })
    store.getState().undo()
    expect(store.getState().draft.steps).toBe(25)
  })

  it('drops redo after a new change and keeps at most the undo limit', () => {
    const store = newStore()
    store.getState().setParam('steps', 30)
    store.getState().undo()
    store.getState().setParam('cfg_scale', 8)
    expect(selectCanRedo(store.getState())).toBe(false)
    for (let index = 0; index < undoLimit + 20; index += 1) {
      store.getState().setParam(index % 2 === 0 ? 'steps' : 'cfg_scale', 10 + index)
    }
    expect(store.getState().past).toHaveLength(undoLimit)
  })
})

describe('workbench store: presets and outside parameters', () => {
  it('applies a checkpoint preset as one undo step', () => {
    const store = newStore()
    store.getState().applyCheckpointPreset(sdxlPreset)
    expect(store.getState().draft).toMatchObject({
      sampler_index: 'DPM++ 2M SDE Karras',
      steps: 30,
      cfg_scale: 5.5,
      width: 1024,
      height: 1024,
      negative_prompt: 'lowres, bad anatomy',
      alwayson_scripts: {
        sd_model_checkpoint: 'sdXL_v10.safetensors',
        sd_vae: 'sdxl_vae.safetensors',
        override_settings: { CLIP_stop_at_last_layers: 2 },
      },
    })
    expect(store.getState().prefs.sizeFamily).toBe(1024)
    store.getState().undo()
    expect(store.getState().draft).toEqual(defaultDraft)
  })

  it("replaces the previous preset's negative prompt but never one the user wrote", () => {
    const store = newStore()
    store.getState().applyCheckpointPreset(sdxlPreset)
    store
      .getState()
      .applyCheckpointPreset({ fileName: 'anime.safetensors', settings: { negativePrompt: 'worst quality' } })
    expect(store.getState().draft.negative_prompt).toBe('worst quality')
    store.getState().setParam('negative_prompt', 'my own words')
    store.getState().applyCheckpointPreset(sdxlPreset)
    expect(store.getState().draft.negative_prompt).toBe('my own words')
  })

  it('keeps the settings a preset does not hold, the VAE included', () => {
    const store = newStore()
    store.getState().applyCheckpointPreset(sdxlPreset)
    store.getState().applyCheckpointPreset({ fileName: 'v1-5.safetensors', settings: { steps: 20 } })
    const { draft } = store.getState()
    expect(draft.alwayson_scripts).toMatchObject({
      sd_model_checkpoint: 'v1-5.safetensors',
      sd_vae: 'sdxl_vae.safetensors',
    })
    expect(draft).toMatchObject({ steps: 20, cfg_scale: 5.5 })
  })

  it('takes parameters read from an image as they are', () => {
    const store = newStore()
    const imported = importedParamsSchema.parse({
      prompt: 'from a PNG',
      seed: 42,
      alwayson_scripts: { sd_model_checkpoint: 'png.safetensors' },
    })
    store.getState().applyParams(imported)
    expect(store.getState()).toMatchObject({
      seedMode: 'fixed',
      draft: { prompt: 'from a PNG', seed: 42, alwayson_scripts: { sd_model_checkpoint: 'png.safetensors' } },
    })
  })

  it('merges pasted parameters, ignoring values of the wrong type', () => {
    const store = newStore()
    store.getState().setParam('prompt', 'kept')
    store
      .getState()
      .applyParams(
        JSON.parse('{"steps": "many", "cfg_scale": 4, "width": 768, "alwayson_scripts": {"sd_vae": 3}}'),
      )
    expect(store.getState().draft).toMatchObject({ prompt: 'kept', steps: 25, cfg_scale: 4, width: 768 })
    expect(store.getState().draft.alwayson_scripts.sd_vae).toBeUndefined()
  })

  it('replaces the whole draft when asked (send to workbench)', () => {
    const store = newStore()
    store.getState().setParam('steps', 60)
    store
      .getState()
      .applyParams(
        { prompt: 'from history', alwayson_scripts: { sd_model_checkpoint: 'a.ckpt' } },
        { replace: true },
      )
    expect(store.getState().draft).toEqual({
      ...defaultDraft,
      prompt: 'from history',
      alwayson_scripts: { sd_model_checkpoint: 'a.ckpt' },
    })
  })
})

describe('workbench store: seed modes', () => {
  it('uses -1 in random mode and a concrete seed in fixed mode', () => {
    const store = newStore()
    expect(store.getState()).toMatchObject({ seedMode: 'random', draft: { seed: -1 } })
    store.getState().setSeedMode('fixed')
    const seed = store.getState().draft.seed
    expect(seed).toBeGreaterThanOrEqual(0)
    expect(seed).toBeLessThanOrEqual(text2ImageLimits.seed.max)
    store.getState().randomizeSeed()
    expect(store.getState()).toMatchObject({ seedMode: 'random', draft: { seed: -1 } })
  })

  it('follows each new last seed in reuse mode, and not in the others', () => {
    const store = newStore()
    store.getState().setSeedMode('reuse')
    expect(store.getState().draft.seed).toBe(-1)
    store.getState().setLastSeed(1234)
    expect(store.getState().draft.seed).toBe(1234)
    store.getState().setLastSeed(5678)
    expect(store.getState().draft.seed).toBe(5678)
    store.getState().setSeedMode('random')
    store.getState().setLastSeed(42)
    expect(store.getState().draft.seed).toBe(-1)
  })

  it('recycles the last seed as a fixed seed, and typing a seed makes it fixed', () => {
    const store = newStore()
    store.getState().setLastSeed(777)
    store.getState().recycleLastSeed()
    expect(store.getState()).toMatchObject({ seedMode: 'fixed', draft: { seed: 777 } })
    store.getState().setSeed(-1)
    expect(store.getState().seedMode).toBe('random')
    store.getState().undo()
    expect(store.getState()).toMatchObject({ seedMode: 'fixed', draft: { seed: 777 } })
  })
})

describe('workbench store: persistence', () => {
  it('restores the last draft, seed mode and preferences on start, but not undo history or server lists', () => {
    const first = newStore()
    first.getState().setParam('prompt', 'a lighthouse at dusk')
    first.getState().applyCheckpointPreset(sdxlPreset)
    first.getState().setSeedMode('fixed')
    first.getState().setPref('adetailerOpen', true)
    first.getState().setAssetOptions({ checkpoints: ['x.safetensors'] })

    const restored = newStore().getState()
    expect(restored.draft).toEqual(first.getState().draft)
    expect(restored.seedMode).toBe('fixed')
    expect(restored.prefs).toEqual({ adetailerOpen: true, sizeFamily: 1024 })
    expect(restored.past).toEqual([])
    expect(restored.assets.checkpoints).toEqual([])
    expect(JSON.parse(localStorage.getItem(workbenchStorageKey) ?? '{}')).toMatchObject({
      version: workbenchStoreVersion,
    })
  })

  it('keeps following the last seed after a restart in reuse mode', () => {
    const first = newStore()
    first.getState().setSeedMode('reuse')
    first.getState().setLastSeed(99)
    expect(newStore().getState()).toMatchObject({ seedMode: 'reuse', lastSeed: 99, draft: { seed: 99 } })
  })

  it('migrates an older entry: what fits is kept, unknown and mistyped values are dropped', () => {
    localStorage.setItem(
      workbenchStorageKey,
      JSON.stringify({
        version: 0,
        state: {
          draft: { prompt: 'old prompt', steps: 'twenty', sampler_index: 'Euler a', legacy_field: true },
          seedMode: 'sometimes',
        },
      }),
    )
    const restored = newStore().getState()
    expect(restored.draft).toEqual({ ...defaultDraft, prompt: 'old prompt', sampler_index: 'Euler a' })
    expect(restored.seedMode).toBe('random')
    expect(restored.prefs).toEqual({ adetailerOpen: false, sizeFamily: 512 })
  })

  it('loads a draft saved before the modes existed (version 1) in text-to-image with every mode defaulted', () => {
    const {
      img2img: _image,
      controlnet: _controlnet,
      ...before
    } = { ...defaultDraft, prompt: 'an old draft', steps: 40 }
    localStorage.setItem(
      workbenchStorageKey,
      JSON.stringify({
        version: 1,
        state: { draft: before, seedMode: 'fixed', prefs: { adetailerOpen: true } },
      }),
    )
    const restored = newStore().getState()
    expect(restored.draft).toEqual({ ...defaultDraft, prompt: 'an old draft', steps: 40 })
    expect(restored.draft.img2img.denoising_strength).toBe(0.75)
    expect(restored.draft.controlnet.units).toHaveLength(1)
    expect(restored).toMatchObject({ mode: 'text2image', seedMode: 'fixed' })
  })

  it('restores the mode, each mode’s settings and the image slots by reference, never their pixels', () => {
    const first = newStore()
    first.getState().setMode('inpaint')
    first.getState().setImageSetting('denoising_strength', 0.35)
    first.getState().setImageSetting('mask_blur_x', 12)
    first
      .getState()
      .setControlNet({ units: [{ ...defaultControlNetUnit, module: 'depth_midas' }], images: [null] })
    first.getState().setSource({
      source: { type: 'cached', cacheKey: 'c'.repeat(64) },
      previewUrl: 'data:image/png;base64,AAAA',
      width: 8,
      height: 8,
      label: 'private.png',
      needsUpload: true,
    })
    const restored = newStore().getState()
    expect(restored.mode).toBe('inpaint')
    expect(restored.draft.img2img).toMatchObject({ denoising_strength: 0.35, mask_blur_x: 12 })
    expect(restored.draft.controlnet.units.map((unit) => unit.module)).toEqual(['depth_midas'])
    // The slot comes back as a reference to the cached copy; its preview is read from the cache again.
    expect(restored.source).toEqual({
      source: { type: 'cached', cacheKey: 'c'.repeat(64) },
      previewUrl: null,
      width: 8,
      height: 8,
      label: 'private.png',
      needsUpload: true,
    })
    expect(restored.controlImages).toEqual([null])
    expect(localStorage.getItem(workbenchStorageKey)).not.toMatch(/data:image/)
  })

  it('keeps what fits of a hand-edited entry of the current version', () => {
    localStorage.setItem(
      workbenchStorageKey,
      JSON.stringify({
        version: workbenchStoreVersion,
        state: {
          mode: 'outpaint',
          draft: {
            prompt: 'kept',
            img2img: { denoising_strength: 'strong', resize_mode: 2, image_cfg_scale: 1.2 },
            controlnet: { resize_mode: 3, units: [{ module: 'depth_midas', weight: 'heavy' }, 5] },
          },
        },
      }),
    )
    const restored = newStore().getState()
    expect(restored.mode).toBe('text2image')
    expect(restored.draft.img2img).toEqual({ ...defaultDraft.img2img, resize_mode: 2, image_cfg_scale: 1.2 })
    expect(restored.draft.controlnet).toEqual({
      endpoint: 'controlnet-v2',
      resize_mode: 3,
      units: [{ ...defaultControlNetUnit, module: 'depth_midas' }],
    })
  })

  it('starts with defaults when the stored entry is not JSON', () => {
    localStorage.setItem(workbenchStorageKey, '{not json')
    expect(newStore().getState().draft).toEqual(defaultDraft)
  })
})

describe('workbench helpers', () => {
  it('reads field bounds from the shared schema', () => {
    expect(numberBounds('steps')).toEqual({
      min: text2ImageLimits.steps.min,
      max: text2ImageLimits.steps.max,
    })
    expect(numberBounds('alwayson_scripts.override_settings.CLIP_stop_at_last_layers')).toEqual({
      min: 1,
      max: 12,
    })
    expect(numberBounds('alwayson_scripts.ADetailer.args.0.ad_confidence')).toEqual({ min: 0, max: 1 })
    expect(numberBounds('prompt')).toBeNull()
  })

  it('reports each problem of a draft as data with its limits', () => {
    const draft = { ...defaultDraft, steps: 0, width: 500 }
    const byPath = validateDraft(draft).byPath
    expect(byPath.get('prompt')?.rule).toBe('promptRequired')
    expect(byPath.get('alwayson_scripts.sd_model_checkpoint')?.rule).toBe('checkpointRequired')
    expect(byPath.get('steps')).toMatchObject({ rule: 'range', values: { min: 1, max: 150 } })
    expect(byPath.get('width')).toMatchObject({ rule: 'multipleOf', values: { step: 8 } })
    expect(validateDraft(draft)).toBe(validateDraft(draft))
  })

  it('sizes ratio presets per family and counts the images of a batch', () => {
    expect(aspectSize(512, '2:3')).toEqual({ width: 512, height: 768 })
    expect(aspectSize(768, '16:9')).toEqual({ width: 1368, height: 768 })
    expect(aspectSize(1024, '9:16')).toEqual({ width: 768, height: 1344 })
    expect(nearestFamily({ width: 832, height: 1216 })).toBe(1024)
    const store = newStore()
    store.getState().setParam('n_iter', 3)
    store.getState().setParam('batch_size', 4)
    expect(selectTotalImages(store.getState())).toBe(12)
  })

  it('offers a control for every ADetailer field and a label for every field that can be wrong', async () => {
    const adetailerKeys = Object.keys(adetailerUnitSchema.shape)
    const controls = adetailerSections.flatMap((section) => section.fields.map((field) => field.key))
    expect([...controls].sort()).toEqual([...adetailerKeys].sort())
    const fieldKeys = [
      ...Object.keys(text2ImageParamsSchema.shape),
      ...Object.keys(text2ImageParamsSchema.shape.alwayson_scripts.shape),
      ...adetailerKeys,
      ...Object.keys(image2ImageSettingsSchema.shape),
      ...Object.keys(controlNetUnitSettingsSchema.shape),
      'CLIP_stop_at_last_layers',
      'args',
    ].filter((key) => key !== 'alwayson_scripts' && key !== 'override_settings' && key !== 'ADetailer')
    for (const catalog of [await loadCatalog('en'), await loadCatalog('zh-CN')]) {
      const labels = (catalog.workbench as { fields: Record<string, string> }).fields
      expect(fieldKeys.filter((key) => !labels[key])).toEqual([])
    }
  })
})
