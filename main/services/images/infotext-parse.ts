/**
 * Reads A1111 infotext back into request fields, following `parse_generation_parameters`
 * (modules/infotext_utils.py): the last line holds the `Key: value` pairs only if it has at least
 * three of them; lines from `Negative prompt:` on are the negative prompt. Kept to what a PNG
 * import needs; the renderer has its own paste parser.
 */

// A1111's re_param_code; Python's \w is Unicode-aware, hence the property classes.
const pairPattern = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu
const sizePattern = /^(\d+)x(\d+)$/

export interface ParsedInfotext {
  readonly prompt: string
  readonly negativePrompt: string
  /** Keys as written; `WxH` values are also split into `Key-1` and `Key-2`. */
  readonly fields: ReadonlyMap<string, string>
}

const unquote = (text: string): string => {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'string' ? value : text
  } catch {
    return text
  }
}

const pairsOf = (line: string): [string, string][] =>
  [...line.matchAll(pairPattern)].map((match) => [match[1] ?? '', match[2] ?? ''])

export function parseInfotext(text: string): ParsedInfotext {
  const lines = text.trim().split('\n')
  let last = lines.pop() ?? ''
  if (pairsOf(last).length < 3) {
    lines.push(last)
    last = ''
  }
  let prompt = ''
  let negativePrompt = ''
  let inNegative = false
  for (const raw of lines) {
    let line = raw.trim()
    if (line.startsWith('Negative prompt:')) {
      inNegative = true
      line = line.slice('Negative prompt:'.length).trim()
    }
    if (inNegative) negativePrompt += (negativePrompt === '' ? '' : '\n') + line
    else prompt += (prompt === '' ? '' : '\n') + line
  }
  const fields = new Map<string, string>()
  for (const [key, rawValue] of pairsOf(last)) {
    const value = unquote(rawValue.trim())
    const size = sizePattern.exec(value)
    if (size) {
      fields.set(`${key}-1`, size[1] ?? '')
      fields.set(`${key}-2`, size[2] ?? '')
    }
    fields.set(key, value)
  }
  return { prompt, negativePrompt, fields }
}

const ordinalSuffixes = ['', ' 2nd', ' 3rd', ' 4th'] as const

const toNumber = (value: string | undefined) => {
  if (value === undefined || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) ? number : value
}
const toBoolean = (value: string | undefined, absent: boolean) =>
  value === undefined ? absent : value.toLowerCase() === 'true'

/** Unit fields with the value ADetailer means when it leaves the key out. */
function adetailerUnitFrom(get: (key: string) => string | undefined): Record<string, unknown> {
  const number = (key: string) => toNumber(get(key))
  return {
    ad_model: get('model'),
    ad_prompt: get('prompt') ?? '',
    ad_negative_prompt: get('negative prompt') ?? '',
    ad_confidence: number('confidence'),
    ad_mask_min_ratio: number('mask min ratio') ?? 0,
    ad_mask_max_ratio: number('mask max ratio') ?? 1,
    ad_x_offset: number('x offset') ?? 0,
    ad_y_offset: number('y offset') ?? 0,
    ad_dilate_erode: number('dilate erode'),
    ad_mask_merge_invert: get('mask merge invert') ?? 'None',
    ad_mask_blur: number('mask blur'),
    ad_denoising_strength: number('denoising strength'),
    ad_inpaint_only_masked: toBoolean(get('inpaint only masked'), true),
    ad_inpaint_only_masked_padding: number('inpaint padding'),
    ad_use_inpaint_width_height: toBoolean(get('use inpaint width height'), false),
    ad_inpaint_width: number('inpaint width'),
    ad_inpaint_height: number('inpaint height'),
    ad_use_steps: toBoolean(get('use separate steps'), false),
    ad_steps: number('steps'),
    ad_use_cfg_scale: toBoolean(get('use separate CFG scale'), false),
    ad_cfg_scale: number('CFG scale'),
    ad_use_sampler: toBoolean(get('use separate sampler'), false),
    ad_sampler: get('sampler'),
    ad_use_noise_multiplier: toBoolean(get('use separate noise multiplier'), false),
    ad_noise_multiplier: number('noise multiplier'),
    ad_restore_face: toBoolean(get('restore face'), false),
    ad_controlnet_model: get('ControlNet model') ?? 'None',
    ad_controlnet_module: get('ControlNet module') ?? 'None',
    ad_controlnet_weight: number('ControlNet weight') ?? 1,
    ad_controlnet_guidance_start: number('ControlNet guidance start') ?? 0,
    ad_controlnet_guidance_end: number('ControlNet guidance end') ?? 1,
  }
}

function adetailerUnits(fields: ReadonlyMap<string, string>): Record<string, unknown>[] {
  // Older ADetailer versions wrote "dilate/erode".
  const normalised = new Map([...fields].map(([key, value]) => [key.replace('/', ' '), value]))
  return ordinalSuffixes
    .filter((suffix) => normalised.has(`ADetailer model${suffix}`))
    .map((suffix) => adetailerUnitFrom((key) => normalised.get(`ADetailer ${key}${suffix}`)))
}

/** Old-style sampler names carry the schedule ("DPM++ 2M Karras"); newer infotext splits it off. */
function samplerName(fields: ReadonlyMap<string, string>): string | undefined {
  const sampler = fields.get('Sampler')
  const schedule = fields.get('Schedule type')
  if (sampler === undefined) return undefined
  return schedule === 'Karras' || schedule === 'Exponential' ? `${sampler} ${schedule}` : sampler
}

const dropUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

/**
 * Request fields named by an infotext, unvalidated: the caller checks each against the schema.
 * Keys the workbench has no field for (hashes, Version, Lora hashes…) are ignored.
 */
export function paramsFromInfotext(text: string): Record<string, unknown> {
  const { prompt, negativePrompt, fields } = parseInfotext(text)
  const number = (key: string) => toNumber(fields.get(key))
  const hires = ['Hires upscale', 'Hires resize', 'Hires steps', 'Hires upscaler'].some((key) =>
    fields.has(key),
  )
  const clipSkip = number('Clip skip')
  const units = adetailerUnits(fields)
  const scripts = dropUndefined({
    sd_model_checkpoint: fields.get('Model'),
    sd_vae: fields.get('VAE'),
    override_settings: clipSkip === undefined ? undefined : { CLIP_stop_at_last_layers: clipSkip },
    ADetailer: units.length > 0 ? { args: units.map(dropUndefined) } : undefined,
  })
  return dropUndefined({
    prompt: prompt === '' ? undefined : prompt,
    negative_prompt: negativePrompt,
    steps: number('Steps'),
    sampler_index: samplerName(fields),
    cfg_scale: number('CFG scale'),
    seed: number('Seed'),
    width: number('Size-1'),
    height: number('Size-2'),
    restore_faces: fields.has('Face restoration') ? true : undefined,
    denoising_strength: number('Denoising strength'),
    enable_hr: hires ? true : undefined,
    hr_scale: number('Hires upscale'),
    hr_resize_x: number('Hires resize-1'),
    hr_resize_y: number('Hires resize-2'),
    hr_second_pass_steps: number('Hires steps'),
    hr_upscaler: fields.get('Hires upscaler'),
    alwayson_scripts: Object.keys(scripts).length > 0 ? scripts : undefined,
  })
}
