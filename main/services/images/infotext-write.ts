import type { AdetailerUnit, Image2ImageParams, TaskKind, Text2ImageParams } from '#contract'
import { inpaintChoiceNames } from '#contract/infotext'

/**
 * A1111's "infotext": the prompt, a `Negative prompt: …` line when there is one, then one line of
 * `Key: value` pairs in the order of A1111's `create_infotext` (modules/processing.py), with
 * extension keys (ADetailer) before the hires-fix keys as `extra_generation_params` orders them.
 * Other tools (A1111's PNG Info, ComfyUI, civitai, image browsers) read this text.
 */

type InfoValue = string | number | boolean | null | undefined

/** `str()` of a Python value: booleans are `True`/`False`. */
const pythonText = (value: string | number | boolean) =>
  typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)

/**
 * A1111's `quote()`: a value holding a comma, colon or newline is written as a JSON string
 * (`json.dumps(…, ensure_ascii=False)`, which JSON.stringify matches), so the line still splits.
 */
export function quoteInfoValue(value: string | number | boolean): string {
  const text = pythonText(value)
  return /[,:\n]/.test(text) ? JSON.stringify(text) : text
}

const ordinalSuffixes = ['', ' 2nd', ' 3rd', ' 4th'] as const

/**
 * One ADetailer unit's keys as ADetailer's `extra_params` writes them (adetailer/args.py): keys
 * at their "off" value are dropped, and each `use separate …` switch drops its value with it.
 */
function adetailerPairs(unit: AdetailerUnit): [string, InfoValue][] {
  const when = <T>(on: boolean, value: T) => (on ? value : undefined)
  return [
    ['ADetailer model', unit.ad_model],
    ['ADetailer prompt', unit.ad_prompt || undefined],
    ['ADetailer negative prompt', unit.ad_negative_prompt || undefined],
    ['ADetailer confidence', unit.ad_confidence],
    ['ADetailer mask min ratio', when(unit.ad_mask_min_ratio !== 0, unit.ad_mask_min_ratio)],
    ['ADetailer mask max ratio', when(unit.ad_mask_max_ratio !== 1, unit.ad_mask_max_ratio)],
    ['ADetailer x offset', when(unit.ad_x_offset !== 0, unit.ad_x_offset)],
    ['ADetailer y offset', when(unit.ad_y_offset !== 0, unit.ad_y_offset)],
    ['ADetailer dilate erode', unit.ad_dilate_erode],
    ['ADetailer mask merge invert', when(unit.ad_mask_merge_invert !== 'None', unit.ad_mask_merge_invert)],
    ['ADetailer mask blur', unit.ad_mask_blur],
    ['ADetailer denoising strength', unit.ad_denoising_strength],
    ['ADetailer inpaint only masked', unit.ad_inpaint_only_masked],
    ['ADetailer inpaint padding', when(unit.ad_inpaint_only_masked, unit.ad_inpaint_only_masked_padding)],
    ['ADetailer use inpaint width height', when(unit.ad_use_inpaint_width_height, true)],
    ['ADetailer inpaint width', when(unit.ad_use_inpaint_width_height, unit.ad_inpaint_width)],
    ['ADetailer inpaint height', when(unit.ad_use_inpaint_width_height, unit.ad_inpaint_height)],
    ['ADetailer use separate steps', when(unit.ad_use_steps, true)],
    ['ADetailer steps', when(unit.ad_use_steps, unit.ad_steps)],
    ['ADetailer use separate CFG scale', when(unit.ad_use_cfg_scale, true)],
    ['ADetailer CFG scale', when(unit.ad_use_cfg_scale, unit.ad_cfg_scale)],
    ['ADetailer use separate sampler', when(unit.ad_use_sampler, true)],
    ['ADetailer sampler', when(unit.ad_use_sampler, unit.ad_sampler)],
    ['ADetailer use separate noise multiplier', when(unit.ad_use_noise_multiplier, true)],
    ['ADetailer noise multiplier', when(unit.ad_use_noise_multiplier, unit.ad_noise_multiplier)],
    ['ADetailer restore face', when(unit.ad_restore_face, true)],
    ...controlNetPairs(unit),
  ]
}

function controlNetPairs(unit: AdetailerUnit): [string, InfoValue][] {
  if (unit.ad_controlnet_model === 'None') return []
  return [
    ['ADetailer ControlNet model', unit.ad_controlnet_model],
    [
      'ADetailer ControlNet module',
      unit.ad_controlnet_module === 'None' ? undefined : unit.ad_controlnet_module,
    ],
    ['ADetailer ControlNet weight', unit.ad_controlnet_weight === 1 ? undefined : unit.ad_controlnet_weight],
    [
      'ADetailer ControlNet guidance start',
      unit.ad_controlnet_guidance_start === 0 ? undefined : unit.ad_controlnet_guidance_start,
    ],
    [
      'ADetailer ControlNet guidance end',
      unit.ad_controlnet_guidance_end === 1 ? undefined : unit.ad_controlnet_guidance_end,
    ],
  ]
}

function adetailerExtraPairs(params: Text2ImageParams): [string, InfoValue][] {
  const units = (params.alwayson_scripts.ADetailer?.args ?? []).filter((unit) => unit.ad_model !== 'None')
  return units.flatMap((unit, index) =>
    adetailerPairs(unit).map(([key, value]): [string, InfoValue] => [
      key + (ordinalSuffixes[index] ?? ''),
      value,
    ]),
  )
}

function hiresPairs(params: Text2ImageParams): [string, InfoValue][] {
  if (!params.enable_hr) return []
  const resize = params.hr_resize_x !== 0 || params.hr_resize_y !== 0
  return [
    resize
      ? ['Hires resize', `${params.hr_resize_x}x${params.hr_resize_y}`]
      : ['Hires upscale', params.hr_scale],
    ['Hires steps', params.hr_second_pass_steps || undefined],
    ['Hires upscaler', params.hr_upscaler],
  ]
}

/**
 * img2img's and inpainting's own keys, as A1111's img2img writes them into
 * `extra_generation_params` (modules/img2img.py, processing.py): the mask keys only with a mask.
 */
function image2ImagePairs(params: Image2ImageParams, inpaint: boolean): [string, InfoValue][] {
  const mask: [string, InfoValue][] = inpaint
    ? [
        // A1111 writes one blur only when both directions agree.
        [
          'Mask blur',
          params.mask_blur ?? (params.mask_blur_x === params.mask_blur_y ? params.mask_blur_x : undefined),
        ],
        // A1111 leaves out the default mode and area ("Inpaint masked", "Whole picture").
        ['Mask mode', params.inpainting_mask_invert === 1 ? inpaintChoiceNames.maskMode[1] : undefined],
        ['Masked content', inpaintChoiceNames.maskedContent[params.inpainting_fill]],
        ['Inpaint area', params.inpaint_full_res ? inpaintChoiceNames.inpaintArea[1] : undefined],
        ['Masked area padding', params.inpaint_full_res ? params.inpaint_full_res_padding : undefined],
      ]
    : []
  return [
    ...mask,
    ['Noise multiplier', params.initial_noise_multiplier === 1 ? undefined : params.initial_noise_multiplier],
  ]
}

const isImage2Image = (
  params: Text2ImageParams | Image2ImageParams,
  kind: TaskKind | undefined,
): params is Image2ImageParams => (kind === 'image2image' || kind === 'inpaint') && 'mask_blur_x' in params

/** The VAE names A1111 treats as "no explicit VAE". */
const isNamedVae = (vae: string | undefined): vae is string =>
  vae !== undefined && vae !== '' && vae !== 'None' && vae !== 'Automatic'

/**
 * The infotext of one image. `seed` is that image's own seed (A1111 writes seed + index for each
 * image of a batch); without it the request's seed is written.
 */
export function createInfotext(
  params: Text2ImageParams | Image2ImageParams,
  options: { seed?: number | null; kind?: TaskKind; template?: string } = {},
): string {
  const scripts = params.alwayson_scripts
  const clipSkip = scripts.override_settings?.CLIP_stop_at_last_layers ?? 1
  const image2Image = isImage2Image(params, options.kind) ? params : null
  const pairs: [string, InfoValue][] = [
    ['Steps', params.steps],
    ['Sampler', params.sampler_index],
    ['CFG scale', params.cfg_scale],
    ['Image CFG scale', image2Image?.image_cfg_scale],
    ['Seed', options.seed ?? params.seed],
    // A1111 names the face restoration model; CodeFormer is its default one.
    ['Face restoration', params.restore_faces ? 'CodeFormer' : undefined],
    ['Size', `${params.width}x${params.height}`],
    ['Model', scripts.sd_model_checkpoint],
    ['VAE', isNamedVae(scripts.sd_vae) ? scripts.sd_vae : undefined],
    // txt2img passes denoising strength only with hires fix (modules/txt2img.py); img2img always.
    ['Denoising strength', params.enable_hr || image2Image ? params.denoising_strength : undefined],
    ['Clip skip', clipSkip > 1 ? clipSkip : undefined],
    ...(image2Image ? image2ImagePairs(image2Image, options.kind === 'inpaint') : []),
    ...adetailerExtraPairs(params),
    ...hiresPairs(params),
    // sd-dynamic-prompts writes the template the prompt came from, when it differs.
    ['Template', options.template !== params.prompt ? options.template : undefined],
  ]
  const generation = pairs
    .filter((pair): pair is [string, string | number | boolean] => pair[1] !== undefined && pair[1] !== null)
    .map(([key, value]) => `${key}: ${quoteInfoValue(value)}`)
    .join(', ')
  const negative = params.negative_prompt ? `\nNegative prompt: ${params.negative_prompt}` : ''
  return `${params.prompt}${negative}\n${generation}`.trim()
}
