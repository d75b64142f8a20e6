import type { Image2ImageSettingsInput } from '../schemas/image2image'
import type { AdetailerUnit } from '../schemas/text2image'

/**
 * What an infotext can set, typed as the requests take it: the text2image fields plus img2img's
 * and inpainting's own (an infotext does not say which mode wrote it; the caller decides where
 * they go). ADetailer units come whole, filled from ADetailer's own defaults.
 */
export type InfotextParams = Partial<Omit<Image2ImageSettingsInput, 'alwayson_scripts'>> & {
  alwayson_scripts?: Partial<Omit<Image2ImageSettingsInput['alwayson_scripts'], 'ADetailer'>> & {
    ADetailer?: { args: Array<Partial<AdetailerUnit>> }
  }
}

/**
 * A1111's names for inpainting's choices (modules/ui_img2img.py), in the order of the request's
 * integers: `inpainting_mask_invert`, `inpainting_fill`, and `inpaint_full_res` (false, true).
 */
export const inpaintChoiceNames = {
  maskMode: ['Inpaint masked', 'Inpaint not masked'],
  maskedContent: ['fill', 'original', 'latent noise', 'latent nothing'],
  inpaintArea: ['Whole picture', 'Only masked'],
} as const

interface KeyReader {
  /** The request fields the key sets, as paths, so a caller can name them when the value is unusable. */
  readonly fields: readonly string[]
  /** Sets the fields from the value; false, setting nothing, when the value cannot be read. */
  readonly read: (params: InfotextParams, value: string) => boolean
}

type TopLevel = Omit<InfotextParams, 'alwayson_scripts'>
type FieldOf<T> = { [K in keyof TopLevel]-?: NonNullable<TopLevel[K]> extends T ? K : never }[keyof TopLevel]
type ReadNumber = (value: string) => number | undefined

const integer: ReadNumber = (value) => (/^[+-]?\d+$/.test(value.trim()) ? Number(value) : undefined)
const decimal: ReadNumber = (value) => {
  const number = Number(value)
  return value.trim() !== '' && Number.isFinite(number) ? number : undefined
}

const scripts = (params: InfotextParams) => (params.alwayson_scripts ??= {})

/** Numeric fields, all set to the key's value; `implied` is what the key's presence also means. */
function numberKey(fields: Array<FieldOf<number>>, read: ReadNumber, implied: TopLevel = {}): KeyReader {
  return {
    fields,
    read: (params, value) => {
      const number = read(value)
      if (number === undefined) return false
      Object.assign(params, implied, Object.fromEntries(fields.map((field) => [field, number])))
      return true
    },
  }
}

/** A field whose value is one of A1111's choice names, stored as the name's place in `names`. */
function choiceKey(field: FieldOf<number | boolean>, names: readonly string[], asBoolean = false): KeyReader {
  return {
    fields: [field],
    read: (params, value) => {
      const index = names.indexOf(value)
      if (index < 0) return false
      Object.assign(params, { [field]: asBoolean ? index === 1 : index })
      return true
    },
  }
}

const textKey = (field: string, write: (params: InfotextParams, value: string) => void): KeyReader => ({
  fields: [field],
  read: (params, value) => {
    write(params, value)
    return true
  },
})

const hires: TopLevel = { enable_hr: true }

/**
 * Infotext key → the request fields it sets, for the keys A1111's paste sets fields from
 * (`Sampler`, `Schedule type` and `Hypernet` combine with others and are read by the parser).
 */
const knownKeys: Readonly<Record<string, KeyReader>> = {
  Steps: numberKey(['steps'], integer),
  'CFG scale': numberKey(['cfg_scale'], decimal),
  Seed: numberKey(['seed'], integer),
  'Size-1': numberKey(['width'], integer),
  'Size-2': numberKey(['height'], integer),
  'Denoising strength': numberKey(['denoising_strength'], decimal),
  'Hires upscale': numberKey(['hr_scale'], decimal, hires),
  'Hires steps': numberKey(['hr_second_pass_steps'], integer, hires),
  'Hires resize-1': numberKey(['hr_resize_x'], integer, hires),
  'Hires resize-2': numberKey(['hr_resize_y'], integer, hires),
  'Hires upscaler': textKey('hr_upscaler', (p, v) => Object.assign(p, { ...hires, hr_upscaler: v })),
  // A1111 writes the face restoration model's name; the request only switches it on.
  'Face restoration': textKey('restore_faces', (p) => (p.restore_faces = true)),
  Model: textKey('alwayson_scripts.sd_model_checkpoint', (p, v) => (scripts(p).sd_model_checkpoint = v)),
  VAE: textKey('alwayson_scripts.sd_vae', (p, v) => (scripts(p).sd_vae = v)),
  'Clip skip': {
    fields: ['alwayson_scripts.override_settings'],
    read: (params, value) => {
      const clipSkip = integer(value)
      if (clipSkip !== undefined) scripts(params).override_settings = { CLIP_stop_at_last_layers: clipSkip }
      return clipSkip !== undefined
    },
  },
  'Image CFG scale': numberKey(['image_cfg_scale'], decimal),
  // One blur for both directions, as A1111's single slider sets it.
  'Mask blur': numberKey(['mask_blur_x', 'mask_blur_y'], integer),
  'Mask mode': choiceKey('inpainting_mask_invert', inpaintChoiceNames.maskMode),
  'Masked content': choiceKey('inpainting_fill', inpaintChoiceNames.maskedContent),
  'Inpaint area': choiceKey('inpaint_full_res', inpaintChoiceNames.inpaintArea, true),
  'Masked area padding': numberKey(['inpaint_full_res_padding'], integer),
  'Noise multiplier': numberKey(['initial_noise_multiplier'], decimal),
}

/** Sets what `key` names from `value`; false when the key is not one of these or its value is unusable. */
export const readKnownKey = (params: InfotextParams, key: string, value: string): boolean =>
  Object.hasOwn(knownKeys, key) && knownKeys[key]?.read(params, value) === true

/**
 * The request fields (as paths: `width`, `alwayson_scripts.sd_vae`) an infotext key sets, none
 * for a key this app does not read, so an importer can say which fields an unusable value cost.
 */
export const infotextKeyFields = (key: string): readonly string[] =>
  (Object.hasOwn(knownKeys, key) ? knownKeys[key]?.fields : undefined) ?? []
