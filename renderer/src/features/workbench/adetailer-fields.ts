import type { AdetailerUnit } from '#contract'
import {
  adetailerMaskMergeModes,
  adetailerModels,
  controlnetModels,
  controlnetModules,
  samplerNames,
} from './options'

type KeysOf<T> = { [K in keyof AdetailerUnit]: AdetailerUnit[K] extends T ? K : never }[keyof AdetailerUnit]
export type NumberKey = KeysOf<number>
export type BooleanKey = KeysOf<boolean>
export type StringKey = KeysOf<string>

/** One control of an ADetailer unit; `when` names the "use separate …" switch that enables it. */
export type AdetailerFieldSpec =
  | { readonly kind: 'number'; readonly key: NumberKey; readonly step: number; readonly when?: BooleanKey }
  | { readonly kind: 'toggle'; readonly key: BooleanKey }
  | {
      readonly kind: 'text'
      readonly key: StringKey
      readonly suggestions?: readonly string[]
      readonly multiline?: boolean
    }
  | {
      readonly kind: 'choice'
      readonly key: StringKey
      readonly options: readonly string[]
      readonly when?: BooleanKey
    }

export interface AdetailerSection {
  readonly title: 'detection' | 'mask' | 'inpaint' | 'controlnet'
  readonly fields: readonly AdetailerFieldSpec[]
}

const number = (key: NumberKey, step: number, when?: BooleanKey): AdetailerFieldSpec => ({
  kind: 'number',
  key,
  step,
  when,
})
const toggle = (key: BooleanKey): AdetailerFieldSpec => ({ kind: 'toggle', key })

/** Every `ad_*` field of the schema, grouped and ordered as ADetailer's own tab shows them. */
export const adetailerSections: readonly AdetailerSection[] = [
  {
    title: 'detection',
    fields: [
      { kind: 'text', key: 'ad_model', suggestions: adetailerModels },
      { kind: 'text', key: 'ad_prompt', multiline: true },
      { kind: 'text', key: 'ad_negative_prompt', multiline: true },
      number('ad_confidence', 0.01),
      number('ad_mask_min_ratio', 0.001),
      number('ad_mask_max_ratio', 0.001),
    ],
  },
  {
    title: 'mask',
    fields: [
      number('ad_x_offset', 1),
      number('ad_y_offset', 1),
      number('ad_dilate_erode', 4),
      { kind: 'choice', key: 'ad_mask_merge_invert', options: adetailerMaskMergeModes },
    ],
  },
  {
    title: 'inpaint',
    fields: [
      number('ad_mask_blur', 1),
      number('ad_denoising_strength', 0.01),
      toggle('ad_inpaint_only_masked'),
      number('ad_inpaint_only_masked_padding', 4, 'ad_inpaint_only_masked'),
      toggle('ad_use_inpaint_width_height'),
      number('ad_inpaint_width', 8, 'ad_use_inpaint_width_height'),
      number('ad_inpaint_height', 8, 'ad_use_inpaint_width_height'),
      toggle('ad_use_steps'),
      number('ad_steps', 1, 'ad_use_steps'),
      toggle('ad_use_cfg_scale'),
      number('ad_cfg_scale', 0.5, 'ad_use_cfg_scale'),
      toggle('ad_use_sampler'),
      { kind: 'choice', key: 'ad_sampler', options: samplerNames, when: 'ad_use_sampler' },
      toggle('ad_use_noise_multiplier'),
      number('ad_noise_multiplier', 0.01, 'ad_use_noise_multiplier'),
      toggle('ad_restore_face'),
    ],
  },
  {
    title: 'controlnet',
    fields: [
      { kind: 'choice', key: 'ad_controlnet_model', options: controlnetModels },
      { kind: 'choice', key: 'ad_controlnet_module', options: controlnetModules },
      number('ad_controlnet_weight', 0.05),
      number('ad_controlnet_guidance_start', 0.01),
      number('ad_controlnet_guidance_end', 0.01),
    ],
  },
]
