import type { TaskRequest } from '../procedures/tasks'

/** What a plot axis can vary. The ids are the params' own names where one field is set. */
export const plotAxisTypes = [
  'seed',
  'steps',
  'cfg_scale',
  'sampler',
  'scheduler',
  'checkpoint',
  'vae',
  'size',
  'hr_scale',
  'denoising_strength',
  'clip_skip',
  'controlnet_weight',
  'prompt_sr',
] as const
export type PlotAxisType = (typeof plotAxisTypes)[number]

/** A cell's value on one axis: a number, or text (a sampler, a `512x768` size, a prompt piece). */
export type PlotValue = number | string

type Params = TaskRequest['params']

/** Why a value cannot go on an axis before the schema is even asked (the schema checks ranges). */
export type ApplyRefusal = 'not_found' | 'not_a_size' | 'unknown_schedule' | 'wrong_mode' | 'needs_hires'

export interface PlotAxisSpec {
  /** A1111's name for the axis, written as `X Type` in the grid's infotext. */
  readonly label: string
  readonly value: 'int' | 'float' | 'text'
  /** The param paths (under `params`) the axis sets, so a schema issue there is blamed on it. */
  readonly fields: readonly string[]
  /** Sets the value on a copy of the base request's params; `first` is the axis's first value. */
  readonly apply: (params: Params, value: PlotValue, first: PlotValue) => ApplyRefusal | null
}

/** Schedules the API's sampler names carry ("DPM++ 2M Karras"); the bare name is "Automatic". */
export const plotSchedules = ['Automatic', 'Karras', 'Exponential'] as const
const joinedSchedules = ['Karras', 'Exponential'] as const

const sizePattern = /^\s*(\d+)\s*[xX×*]\s*(\d+)\s*$/

/** `512x768` (also `512X768`, `512×768`) as width and height; null when it is not one. */
export function parseSize(value: PlotValue): { width: number; height: number } | null {
  const match = typeof value === 'string' ? sizePattern.exec(value) : null
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null
}

const setNumber =
  (field: 'seed' | 'steps' | 'cfg_scale') =>
  (params: Params, value: PlotValue): ApplyRefusal | null => {
    params[field] = Number(value)
    return null
  }

const scripts = (params: Params) => params.alwayson_scripts

const stripSchedule = (sampler: string) =>
  joinedSchedules.reduce((name, schedule) => name.replace(new RegExp(` ${schedule}$`), ''), sampler)

/**
 * Every axis, with A1111's label and how it changes the request. Size sets width and height; hires
 * scale turns hires fix on (a scale means nothing without it); ControlNet weight sets every unit.
 */
export const plotAxisSpecs = {
  seed: { label: 'Seed', value: 'int', fields: ['seed'], apply: setNumber('seed') },
  steps: { label: 'Steps', value: 'int', fields: ['steps'], apply: setNumber('steps') },
  cfg_scale: { label: 'CFG Scale', value: 'float', fields: ['cfg_scale'], apply: setNumber('cfg_scale') },
  sampler: {
    label: 'Sampler',
    value: 'text',
    fields: ['sampler_index'],
    apply: (params, value) => {
      params.sampler_index = String(value)
      return null
    },
  },
  scheduler: {
    label: 'Schedule type',
    value: 'text',
    fields: ['sampler_index'],
    apply: (params, value) => {
      const schedule = plotSchedules.find((name) => name.toLowerCase() === String(value).toLowerCase())
      if (!schedule) return 'unknown_schedule'
      const bare = stripSchedule(params.sampler_index ?? 'DPM++ 2M Karras')
      params.sampler_index = schedule === 'Automatic' ? bare : `${bare} ${schedule}`
      return null
    },
  },
  checkpoint: {
    label: 'Checkpoint name',
    value: 'text',
    fields: ['alwayson_scripts.sd_model_checkpoint'],
    apply: (params, value) => {
      scripts(params).sd_model_checkpoint = String(value)
      return null
    },
  },
  vae: {
    label: 'VAE',
    value: 'text',
    fields: ['alwayson_scripts.sd_vae'],
    apply: (params, value) => {
      scripts(params).sd_vae = String(value)
      return null
    },
  },
  size: {
    label: 'Size',
    value: 'text',
    fields: ['width', 'height'],
    apply: (params, value) => {
      const size = parseSize(value)
      if (!size) return 'not_a_size'
      params.width = size.width
      params.height = size.height
      return null
    },
  },
  hr_scale: {
    label: 'Hires upscale',
    value: 'float',
    fields: ['hr_scale', 'enable_hr'],
    apply: (params, value) => {
      params.enable_hr = true
      params.hr_scale = Number(value)
      return null
    },
  },
  denoising_strength: {
    label: 'Denoising',
    value: 'float',
    fields: ['denoising_strength'],
    apply: (params, value) => {
      // Without a source image the strength only acts on the hires pass: without it, every cell is alike.
      if (!('resize_mode' in params) && !params.enable_hr) return 'needs_hires'
      params.denoising_strength = Number(value)
      return null
    },
  },
  clip_skip: {
    label: 'Clip skip',
    value: 'int',
    fields: ['alwayson_scripts.override_settings.CLIP_stop_at_last_layers'],
    apply: (params, value) => {
      const script = scripts(params)
      script.override_settings = { ...script.override_settings, CLIP_stop_at_last_layers: Number(value) }
      return null
    },
  },
  controlnet_weight: {
    label: 'ControlNet weight',
    value: 'float',
    fields: ['alwayson_scripts.controlnet'],
    apply: (params, value) => {
      const script = scripts(params)
      if (!('controlnet' in script) || !script.controlnet) return 'wrong_mode'
      script.controlnet.args = script.controlnet.args.map((unit) => ({ ...unit, weight: Number(value) }))
      return null
    },
  },
  prompt_sr: {
    label: 'Prompt S/R',
    value: 'text',
    fields: ['prompt', 'negative_prompt'],
    apply: (params, value, first) => {
      // A1111: the first value is the text searched for; each value replaces every occurrence.
      const search = String(first)
      const negative = params.negative_prompt ?? ''
      if (!params.prompt.includes(search) && !negative.includes(search)) return 'not_found'
      params.prompt = params.prompt.replaceAll(search, String(value))
      params.negative_prompt = negative.replaceAll(search, String(value))
      return null
    },
  },
} as const satisfies Record<PlotAxisType, PlotAxisSpec>

/**
 * The axis type a name stands for: our id (`cfg_scale`) or A1111's label (`CFG Scale`), in any
 * case, with spaces, dashes or underscores alike; null when none matches.
 */
export function findPlotAxisType(name: string): PlotAxisType | null {
  const key = (text: string) => text.toLowerCase().replace(/[\s_\-.]+/g, '')
  const wanted = key(name)
  const aliases: Record<string, PlotAxisType> = { cfg: 'cfg_scale', denoising: 'denoising_strength' }
  return (
    plotAxisTypes.find((type) => key(type) === wanted || key(plotAxisSpecs[type].label) === wanted) ??
    aliases[wanted] ??
    null
  )
}
