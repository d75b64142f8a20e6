import sharp from 'sharp'
import { submitBody } from './sim-test-kit'

/** One ControlNet unit as the wire carries it (guess 15), pointing at `imageLink`. */
export const wireUnit = (imageLink: string, overrides: Record<string, unknown> = {}) => ({
  enabled: true,
  control_type: 'canny',
  module: 'canny',
  model: 'control_v11p_sd15_canny',
  weight: 1,
  image_link: imageLink,
  resize_mode: 1,
  processor_res: 512,
  threshold_a: 100,
  threshold_b: 200,
  guidance_start: 0,
  guidance_end: 1,
  control_mode: 0,
  pixel_perfect: false,
  ...overrides,
})

/** A §11 body: the shared test body with an integer seed, `resize_mode` and the units. */
export const controlNetBody = (
  taskId: string,
  units: readonly unknown[],
  extra: { readonly top?: Record<string, unknown>; readonly scripts?: Record<string, unknown> } = {},
) => {
  const base = submitBody(taskId)
  return {
    ...base,
    seed: 1234,
    resize_mode: 0,
    ...extra.top,
    alwayson_scripts: { ...base.alwayson_scripts, controlnet: { args: units }, ...extra.scripts },
  }
}

/** A small solid-colour WebP. */
export const solidWebp = (red: number, green: number, blue: number): Promise<Buffer> =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: { r: red, g: green, b: blue } } })
    .webp({ lossless: true })
    .toBuffer()
