import type { AdetailerUnit } from '../schemas/text2image'

/*
 * ADetailer writes its units into the infotext as `ADetailer model`, `ADetailer model 2nd`, …
 * (Bing-su/adetailer, adetailer/args.py `_all_args`), leaving out keys at their defaults. So a unit
 * read back starts from ADetailer's own defaults (not this app's) and takes what is written.
 */

type Field = keyof AdetailerUnit

const infotextNames: Record<Field, string> = {
  ad_model: 'model',
  ad_prompt: 'prompt',
  ad_negative_prompt: 'negative prompt',
  ad_confidence: 'confidence',
  ad_mask_min_ratio: 'mask min ratio',
  ad_mask_max_ratio: 'mask max ratio',
  ad_x_offset: 'x offset',
  ad_y_offset: 'y offset',
  ad_dilate_erode: 'dilate erode',
  ad_mask_merge_invert: 'mask merge invert',
  ad_mask_blur: 'mask blur',
  ad_denoising_strength: 'denoising strength',
  ad_inpaint_only_masked: 'inpaint only masked',
  ad_inpaint_only_masked_padding: 'inpaint padding',
  ad_use_inpaint_width_height: 'use inpaint width height',
  ad_inpaint_width: 'inpaint width',
  ad_inpaint_height: 'inpaint height',
  ad_use_steps: 'use separate steps',
  ad_steps: 'steps',
  ad_use_cfg_scale: 'use separate CFG scale',
  ad_cfg_scale: 'CFG scale',
  ad_use_sampler: 'use separate sampler',
  ad_sampler: 'sampler',
  ad_use_noise_multiplier: 'use separate noise multiplier',
  ad_noise_multiplier: 'noise multiplier',
  ad_restore_face: 'restore face',
  ad_controlnet_model: 'ControlNet model',
  ad_controlnet_module: 'ControlNet module',
  ad_controlnet_weight: 'ControlNet weight',
  ad_controlnet_guidance_start: 'ControlNet guidance start',
  ad_controlnet_guidance_end: 'ControlNet guidance end',
}

/** Names older ADetailer versions wrote, read when the current one is absent. */
const legacyNames: Partial<Record<Field, string>> = { ad_dilate_erode: 'dilate/erode' }

/** ADetailer's defaults (adetailer/args.py `ADetailerArgs`), which is what an omitted key means. */
const adetailerDefaults: AdetailerUnit = {
  ad_model: 'None',
  ad_prompt: '',
  ad_negative_prompt: '',
  ad_confidence: 0.3,
  ad_mask_min_ratio: 0,
  ad_mask_max_ratio: 1,
  ad_dilate_erode: 4,
  ad_x_offset: 0,
  ad_y_offset: 0,
  ad_mask_merge_invert: 'None',
  ad_mask_blur: 4,
  ad_denoising_strength: 0.4,
  ad_inpaint_only_masked: true,
  ad_inpaint_only_masked_padding: 32,
  ad_use_inpaint_width_height: false,
  ad_inpaint_width: 512,
  ad_inpaint_height: 512,
  ad_use_steps: false,
  ad_steps: 28,
  ad_use_cfg_scale: false,
  ad_cfg_scale: 7,
  ad_use_sampler: false,
  ad_sampler: 'DPM++ 2M Karras',
  ad_use_noise_multiplier: false,
  ad_noise_multiplier: 1,
  ad_restore_face: false,
  ad_controlnet_model: 'None',
  ad_controlnet_module: 'None',
  ad_controlnet_weight: 1,
  ad_controlnet_guidance_start: 0,
  ad_controlnet_guidance_end: 1,
}

/** ADetailer's key suffix for the unit at `index`: '', ' 2nd', ' 3rd', ' 4th'. */
function unitSuffix(index: number): string {
  return ['', ' 2nd', ' 3rd', ' 4th'][index] ?? ''
}

const maxUnits = 4

function convert(field: Field, value: string): AdetailerUnit[Field] | undefined {
  const fallback = adetailerDefaults[field]
  if (typeof fallback === 'boolean') {
    // Python writes `True`/`False`; a hand-edited text may not keep the case.
    const lower = value.toLowerCase()
    return lower === 'true' ? true : lower === 'false' ? false : undefined
  }
  if (typeof fallback === 'number') {
    const number = Number(value)
    return value.trim() !== '' && Number.isFinite(number) ? number : undefined
  }
  return value
}

/** The key a unit's field is written under: its current name, else an older one that is present. */
function keyOf(pairs: ReadonlyMap<string, string>, field: Field, suffix: string): string {
  const current = `ADetailer ${infotextNames[field]}${suffix}`
  const legacy = legacyNames[field]
  return pairs.has(current) || legacy === undefined ? current : `ADetailer ${legacy}${suffix}`
}

export interface AdetailerFromInfotext {
  units: AdetailerUnit[]
  /** The keys placed in a unit; the rest (`ADetailer version`, …) stay unknown to the caller. */
  usedKeys: Set<string>
}

/** The ADetailer units an infotext's pairs describe, up to ADetailer's four. */
export function adetailerFromInfotext(pairs: ReadonlyMap<string, string>): AdetailerFromInfotext {
  const units: AdetailerUnit[] = []
  const usedKeys = new Set<string>()
  for (let index = 0; index < maxUnits; index += 1) {
    const suffix = unitSuffix(index)
    if (!pairs.has(`ADetailer model${suffix}`)) continue
    const unit: AdetailerUnit = { ...adetailerDefaults }
    for (const field of Object.keys(infotextNames) as Field[]) {
      const key = keyOf(pairs, field, suffix)
      const raw = pairs.get(key)
      const value = raw === undefined ? undefined : convert(field, raw)
      if (value === undefined) continue
      Object.assign(unit, { [field]: value })
      usedKeys.add(key)
    }
    units.push(unit)
  }
  return { units, usedKeys }
}
