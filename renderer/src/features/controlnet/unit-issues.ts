import type { ControlNetUnitSettings } from '#contract'
import type { PickedImage } from '../sources'

export type UnitIssue = 'guidance_order' | 'needs_image' | 'needs_preprocessor'

/**
 * What keeps a unit from being sent, for the panel's messages and for the workbench to hold back
 * Generate: guidance start after end (the contract refuses it), no image at all, or an empty
 * preprocessor name.
 */
export function unitIssues(
  unit: ControlNetUnitSettings,
  image: PickedImage | null,
  baseImage: PickedImage | null,
): UnitIssue[] {
  const issues: UnitIssue[] = []
  if (unit.guidance_start > unit.guidance_end) issues.push('guidance_order')
  if (image === null && baseImage === null) issues.push('needs_image')
  if (unit.module.trim() === '') issues.push('needs_preprocessor')
  return issues
}

/** Every unit's issues, index-aligned with the units; all empty when the units can be sent. */
export const controlNetIssues = (
  units: readonly ControlNetUnitSettings[],
  images: readonly (PickedImage | null)[],
  baseImage: PickedImage | null,
): UnitIssue[][] => units.map((unit, index) => unitIssues(unit, images[index] ?? null, baseImage))
