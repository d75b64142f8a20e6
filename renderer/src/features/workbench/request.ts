import {
  controlNetSettingsSchema,
  image2ImageSettingsSchema,
  sdEndpointOf,
  text2ImageParamsSchema,
  type ImageSource,
  type InputOptions,
  type TaskRequestInput,
} from '#contract'
import type { ParamsDraft } from './draft'
import { sharedFieldsAsSent } from './endpoint-fields'
import type { WorkbenchMode } from './modes'

/** Each mode's settings schema: what main validates, and what strips another mode's fields. */
export const settingsSchemas = {
  text2image: text2ImageParamsSchema,
  image2image: image2ImageSettingsSchema,
  inpaint: image2ImageSettingsSchema,
  controlnet: controlNetSettingsSchema,
} as const

/** The units a ControlNet request carries: enabled ones only, with their index in the draft. */
export const enabledUnitIndexes = (draft: ParamsDraft) =>
  draft.controlnet.units.flatMap((unit, index) => (unit.enabled ? [index] : []))

/**
 * The mode's parameters built from the shared draft, before validation: the common fields its
 * endpoint sends (endpoint-fields.ts), plus the image modes' own settings or ControlNet's resize
 * mode and enabled units.
 */
export function settingsFor(mode: WorkbenchMode, draft: ParamsDraft): Record<string, unknown> {
  const { img2img, controlnet, ...shared } = draft
  const common = sharedFieldsAsSent(sdEndpointOf(mode, controlnet.endpoint), shared)
  switch (mode) {
    case 'text2image':
      return common
    case 'image2image':
    case 'inpaint':
      // No `mask_blur`: A1111 would let it override the x/y pair the user set.
      return { ...common, ...img2img }
    case 'controlnet':
      return {
        ...common,
        resize_mode: controlnet.resize_mode,
        alwayson_scripts: {
          ...common.alwayson_scripts,
          controlnet: { args: enabledUnitIndexes(draft).map((index) => controlnet.units[index]) },
        },
      }
  }
}

/** The input images of a request, already in a form main takes (a painted mask imported first). */
export interface RequestImages {
  readonly source: ImageSource | null
  readonly mask: ImageSource | null
  /** Per draft unit, index-aligned with `draft.controlnet.units`; null = the unit uses the source. */
  readonly controlImages: readonly (ImageSource | null)[]
}

/**
 * The `tasks.submit` / `tasks.previewRequest` request of a mode. The parameters go through the
 * mode's schema, so exactly that mode's fields are sent (another mode's settings never leak) with
 * every default filled in. Throws when the draft is invalid or an image is missing: callers
 * validate first (validation.ts).
 */
export function buildRequest(
  mode: WorkbenchMode,
  draft: ParamsDraft,
  images: RequestImages,
  options: InputOptions,
): TaskRequestInput {
  const settings = settingsFor(mode, draft)
  const required = (image: ImageSource | null) => {
    if (image === null) throw new Error('An input image is missing; validate before building a request.')
    return image
  }
  switch (mode) {
    case 'text2image':
      return { kind: mode, params: text2ImageParamsSchema.parse(settings) }
    case 'image2image':
      return {
        kind: mode,
        params: image2ImageSettingsSchema.parse(settings),
        source: required(images.source),
        options,
      }
    case 'inpaint':
      return {
        kind: mode,
        params: image2ImageSettingsSchema.parse(settings),
        source: required(images.source),
        mask: required(images.mask),
        options,
      }
    case 'controlnet':
      return {
        kind: mode,
        params: controlNetSettingsSchema.parse(settings),
        endpoint: draft.controlnet.endpoint,
        ...(images.source ? { source: images.source } : {}),
        controlImages: enabledUnitIndexes(draft).map((index) => images.controlImages[index] ?? null),
        options,
      }
  }
}
