import { describe, expect, it } from 'vitest'
import {
  parseNumberAxis,
  parseTextAxis,
  planPlot,
  plotAxesFor,
  splitAxisCsv,
  taskRequestSchema,
} from '#contract'

const ints = (text: string) => parseNumberAxis(text, true)
const floats = (text: string) => parseNumberAxis(text, false)

describe('plot axis values, read as A1111 xyz_grid.py reads them', () => {
  it('expands integer ranges, with a signed step, inclusive of the end', () => {
    expect(ints('1-5')).toEqual({ ok: true, values: [1, 2, 3, 4, 5] })
    expect(ints('1-10 (+2)')).toEqual({ ok: true, values: [1, 3, 5, 7, 9] })
    // A1111 adds 1 to the end whatever the sign of the step.
    expect(ints('10-1 (-3)')).toEqual({ ok: true, values: [10, 7, 4] })
    expect(ints('10-30 (+10), 5')).toEqual({ ok: true, values: [10, 20, 30, 5] })
  })

  it('spaces a counted range evenly and cuts integers toward zero like int()', () => {
    expect(ints('10-20 [5]')).toEqual({ ok: true, values: [10, 12, 15, 17, 20] })
    expect(ints('10-20 [4]')).toEqual({ ok: true, values: [10, 13, 16, 20] })
    expect(floats('0-1 [3]')).toEqual({ ok: true, values: [0, 0.5, 1] })
  })

  it('runs float ranges like arange(start, end + step, step)', () => {
    expect(floats('1.5-2.5 (+0.5)')).toEqual({ ok: true, values: [1.5, 2, 2.5] })
    expect(floats('0.1-0.3 (+0.1)')).toEqual({ ok: true, values: [0.1, 0.2, 0.3] })
    expect(floats('5, 7.5')).toEqual({ ok: true, values: [5, 7.5] })
  })

  it('keeps -1 as a seed, not a range', () => {
    expect(ints('-1, -1, 42')).toEqual({ ok: true, values: [-1, -1, 42] })
  })

  it('splits CSV with quotes the way csv.reader with skipinitialspace does', () => {
    expect(splitAxisCsv('a, "b, c", d')).toEqual(['a', 'b, c', 'd'])
    expect(splitAxisCsv('"say ""hi""", x')).toEqual(['say "hi"', 'x'])
    expect(splitAxisCsv('a,\nb')).toEqual(['a', '', 'b'])
    expect(parseTextAxis('cat, dog,')).toEqual({ ok: true, values: ['cat', 'dog', ''] })
  })

  it('names the bad value', () => {
    expect(ints('10, 2.5')).toEqual({ ok: false, error: { reason: 'not_an_integer', value: '2.5' } })
    expect(ints('1-10 (2)')).toEqual({ ok: false, error: { reason: 'not_a_number', value: '1-10 (2)' } })
    expect(ints('5-1')).toEqual({ ok: false, error: { reason: 'empty_range', value: '5-1' } })
    expect(ints('1-100000000')).toMatchObject({ ok: false, error: { reason: 'too_many' } })
    expect(floats('abc')).toEqual({ ok: false, error: { reason: 'not_a_number', value: 'abc' } })
    expect(ints(' , ')).toMatchObject({ ok: false, error: { reason: 'empty' } })
  })
})

const base = taskRequestSchema.parse({
  kind: 'text2image',
  params: {
    prompt: 'a cat in the snow',
    negative_prompt: 'blurry cat',
    alwayson_scripts: { sd_model_checkpoint: 'm.safetensors' },
  },
})
const seeds = () => {
  let next = 1000
  return () => (next += 1)
}

describe('planning a plot', () => {
  it('makes one validated request per cell, x fastest, with counts', () => {
    const result = planPlot(
      { base, x: { type: 'steps', values: '10-30 (+10)' }, y: { type: 'cfg_scale', values: '5, 7' } },
      seeds(),
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.plan.taskCount).toBe(6)
    expect(
      result.plan.cells.map((cell) => [cell.request.params.steps, cell.request.params.cfg_scale]),
    ).toEqual([
      [10, 5],
      [20, 5],
      [30, 5],
      [10, 7],
      [20, 7],
      [30, 7],
    ])
    expect(result.plan.axes.x?.labels).toEqual(['Steps: 10', 'Steps: 20', 'Steps: 30'])
    // The base seed -1 is fixed once, so every cell shares it (A1111's fix_seed).
    expect(new Set(result.plan.cells.map((cell) => cell.request.params.seed))).toEqual(new Set([1001]))
  })

  it('replaces the first Prompt S/R value in prompt and negative prompt', () => {
    const result = planPlot({ base, x: { type: 'prompt_sr', values: 'cat, "dog, puppy"' } }, seeds())
    if (!result.ok) throw new Error(result.error.message)
    expect(
      result.plan.cells.map((cell) => [cell.request.params.prompt, cell.request.params.negative_prompt]),
    ).toEqual([
      ['a cat in the snow', 'blurry cat'],
      ['a dog, puppy in the snow', 'blurry dog, puppy'],
    ])
  })

  it('gives each -1 on a seed axis its own random seed', () => {
    const result = planPlot({ base, x: { type: 'seed', values: '-1, -1, 7' } }, seeds())
    if (!result.ok) throw new Error(result.error.message)
    expect(result.plan.cells.map((cell) => cell.request.params.seed)).toEqual([1002, 1003, 7])
  })

  it('sets sizes, schedules and clip skip', () => {
    const result = planPlot(
      {
        base,
        x: { type: 'size', values: '512x768, 768x512' },
        y: { type: 'scheduler', values: 'Automatic, Exponential' },
        z: { type: 'clip_skip', values: '2' },
      },
      seeds(),
    )
    if (!result.ok) throw new Error(result.error.message)
    const last = result.plan.cells.at(-1)?.request.params
    expect([last?.width, last?.height, last?.sampler_index]).toEqual([768, 512, 'DPM++ 2M Exponential'])
    expect(last?.alwayson_scripts.override_settings?.CLIP_stop_at_last_layers).toBe(2)
    expect(result.plan.cells[0]?.request.params.sampler_index).toBe('DPM++ 2M')
  })

  it('refuses a value out of the endpoint range, naming axis and value', () => {
    const result = planPlot({ base, x: { type: 'steps', values: '10, 500' } }, seeds())
    expect(result).toMatchObject({
      ok: false,
      error: { axis: 'x', type: 'steps', value: '500', reason: 'out_of_range' },
    })
    if (!result.ok) expect(result.error.message).toMatch(/^Axis X \(Steps\): "500" is out of range/)
    expect(
      planPlot({ base, x: { type: 'steps', values: '10' }, y: { type: 'cfg_scale', values: '7, 31' } }),
    ).toMatchObject({
      ok: false,
      error: { axis: 'y', value: '31' },
    })
    expect(planPlot({ base, x: { type: 'size', values: '512x513' } })).toMatchObject({
      ok: false,
      error: { value: '512x513' },
    })
    expect(planPlot({ base, x: { type: 'prompt_sr', values: 'horse, cow' } })).toMatchObject({
      ok: false,
      error: { reason: 'not_found', value: 'horse' },
    })
    expect(planPlot({ base, x: { type: 'controlnet_weight', values: '0.5' } })).toMatchObject({
      ok: false,
      error: { reason: 'wrong_mode' },
    })
  })
})

const picture = { type: 'url', url: 'https://example.com/in.png' } as const
const img2img = taskRequestSchema.parse({ ...base, kind: 'image2image', source: picture })
const inpaint = taskRequestSchema.parse({ ...base, kind: 'inpaint', source: picture, mask: picture })
const controlnet = taskRequestSchema.parse({
  kind: 'controlnet',
  params: {
    ...base.params,
    alwayson_scripts: { ...base.params.alwayson_scripts, controlnet: { args: [{}, { weight: 0.8 }] } },
  },
  controlImages: [picture, picture],
})

describe('planning a plot in the other modes', () => {
  it('plots denoising in img2img and inpaint, keeping the source and mask in every cell', () => {
    for (const request of [img2img, inpaint]) {
      const result = planPlot({ base: request, x: { type: 'denoising_strength', values: '0.3-0.7 [3]' } })
      if (!result.ok) throw new Error(result.error.message)
      expect(result.plan.cells.map((cell) => cell.request.params.denoising_strength)).toEqual([0.3, 0.5, 0.7])
      for (const cell of result.plan.cells)
        expect(cell.request).toMatchObject({ kind: request.kind, source: picture })
    }
    expect(planPlot({ base: inpaint, x: { type: 'steps', values: '5' } })).toMatchObject({
      ok: true,
      plan: { cells: [{ request: { mask: picture } }] },
    })
  })

  it('sets every ControlNet unit weight, and offers that axis only in the ControlNet mode', () => {
    const result = planPlot({ base: controlnet, x: { type: 'controlnet_weight', values: '0.5, 1.5' } })
    if (!result.ok) throw new Error(result.error.message)
    const weights = result.plan.cells.map((cell) =>
      cell.request.kind === 'controlnet'
        ? cell.request.params.alwayson_scripts.controlnet.args.map((unit) => unit.weight)
        : [],
    )
    expect(weights).toEqual([
      [0.5, 0.5],
      [1.5, 1.5],
    ])
    expect(result.plan.axes.x?.labels).toEqual(['ControlNet weight: 0.5', 'ControlNet weight: 1.5'])
    expect(plotAxesFor('controlnet')).toContain('controlnet_weight')
    for (const kind of ['text2image', 'image2image', 'inpaint'] as const)
      expect(plotAxesFor(kind)).not.toContain('controlnet_weight')
    expect(planPlot({ base: img2img, x: { type: 'controlnet_weight', values: '0.5' } })).toMatchObject({
      ok: false,
      error: { axis: 'x', reason: 'wrong_mode' },
    })
  })

  it('refuses a ControlNet weight past the unit range, naming the value', () => {
    expect(planPlot({ base: controlnet, x: { type: 'controlnet_weight', values: '1, 9' } })).toMatchObject({
      ok: false,
      error: { axis: 'x', value: '9', reason: 'out_of_range' },
    })
  })

  it('refuses a fractional CFG or hires scale where the endpoint takes whole numbers', () => {
    expect(planPlot({ base: img2img, x: { type: 'cfg_scale', values: '7, 7.5' } })).toMatchObject({
      ok: false,
      error: { axis: 'x', value: '7.5', reason: 'not_an_integer' },
    })
    expect(
      planPlot({ base: controlnet, y: undefined, x: { type: 'hr_scale', values: '1.5' } }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'not_an_integer' },
    })
    // text2image takes fractions of both.
    expect(planPlot({ base, x: { type: 'cfg_scale', values: '7, 7.5' } })).toMatchObject({ ok: true })
    expect(planPlot({ base: img2img, x: { type: 'cfg_scale', values: '5-9 (+2)' } })).toMatchObject({
      ok: true,
    })
  })

  it('plots denoising without a source only with hires fix, which a hires scale axis turns on', () => {
    expect(planPlot({ base, x: { type: 'denoising_strength', values: '0.3, 0.6' } })).toMatchObject({
      ok: false,
      error: { reason: 'needs_hires' },
    })
    const result = planPlot({
      base,
      x: { type: 'denoising_strength', values: '0.3, 0.6' },
      y: { type: 'hr_scale', values: '1.5, 2' },
    })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.plan.cells.every((cell) => cell.request.params.enable_hr)).toBe(true)
  })
})
