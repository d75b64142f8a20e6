import { controlNetUnitSettingsSchema, type ControlNetUnitSettings, type ControlType } from '#contract'
import type { PickedImage } from '../sources'
import { automaticModel, defaultPreprocessor } from './preprocessors'

/** The units and their control images, index-aligned: image i belongs to unit i (null = base image). */
export interface UnitList {
  readonly units: ControlNetUnitSettings[]
  readonly images: (PickedImage | null)[]
}

export type ListOp =
  | { readonly kind: 'add' }
  | { readonly kind: 'remove'; readonly index: number }
  | { readonly kind: 'duplicate'; readonly index: number }
  | { readonly kind: 'move'; readonly index: number; readonly by: -1 | 1 }

/** A unit with the contract's defaults (canny, weight 1, full guidance…). */
export const newUnit = (): ControlNetUnitSettings => controlNetUnitSettingsSchema.parse({})

/**
 * One list operation on any list that runs beside the units (units, images, React keys), so all
 * of them move together. `fresh` makes the added item, or the copy when duplicating.
 */
export function applyListOp<T>(items: readonly T[], op: ListOp, fresh: (copyOf: T | undefined) => T): T[] {
  const next = [...items]
  if (op.kind === 'add') {
    next.push(fresh(undefined))
  } else if (op.kind === 'remove') {
    next.splice(op.index, 1)
  } else if (op.kind === 'duplicate') {
    const item = items[op.index]
    if (item !== undefined) next.splice(op.index + 1, 0, fresh(item))
  } else {
    const to = op.index + op.by
    const [item] = to >= 0 && to < next.length ? next.splice(op.index, 1) : []
    if (item !== undefined) next.splice(to, 0, item)
  }
  return next
}

/** A copy of `items` with `item` at `index`. */
export const replaceAt = <T>(items: readonly T[], index: number, item: T): T[] =>
  items.map((value, at) => (at === index ? item : value))

/** The images list padded or cut to one entry per unit, in case a parent hands over a ragged pair. */
export const alignedImages = (images: readonly (PickedImage | null)[], count: number) =>
  Array.from({ length: count }, (_, index) => images[index] ?? null)

export function applyToUnits(list: UnitList, op: ListOp): UnitList {
  return {
    units: applyListOp(list.units, op, (copy) => (copy ? { ...copy } : newUnit())),
    images: applyListOp(alignedImages(list.images, list.units.length), op, (copy) => copy ?? null),
  }
}

/** A new control type starts from its usual preprocessor, the automatic model and default thresholds. */
export const withControlType = (unit: ControlNetUnitSettings, type: ControlType): ControlNetUnitSettings => ({
  ...unit,
  control_type: type,
  module: defaultPreprocessor(type),
  model: automaticModel,
  threshold_a: -1,
  threshold_b: -1,
})

/** Thresholds mean something else for each preprocessor, so a change resets them to its defaults. */
export const withPreprocessor = (unit: ControlNetUnitSettings, module: string): ControlNetUnitSettings => ({
  ...unit,
  module,
  threshold_a: -1,
  threshold_b: -1,
})

/**
 * A result sent to ControlNet ("Send to ControlNet", as A1111's ControlNet unit image): it becomes
 * the first unit's control image, and that unit is enabled since the user just gave it its
 * picture. Always the first unit, replacing its image, so sending another result to try it
 * replaces the last one rather than piling up units; an empty list gets one unit. The other units
 * and their images stay; a drop puts a result on any other unit.
 */
export function withFirstUnitImage(list: UnitList, image: PickedImage): UnitList {
  const [first, ...rest] = list.units
  return {
    units: [{ ...(first ?? newUnit()), enabled: true }, ...rest],
    images: [image, ...alignedImages(list.images, list.units.length).slice(1)],
  }
}
