import { isMaskEmpty, type MaskDocument } from '../inpaint'
import type { PickedImage } from '../sources'
import type { ParamsDraft } from './draft'
import type { WorkbenchMode } from './modes'
import { enabledUnitIndexes } from './request'
import { toValidation, validateDraft, type DraftIssue, type DraftValidation } from './validation'

/** The input images a mode may need, as the store holds them. */
export interface FormInputs {
  readonly source: PickedImage | null
  readonly mask: MaskDocument
  readonly maskImage: PickedImage | null
  readonly controlImages: readonly (PickedImage | null)[]
}

const inputIssue = (path: string, rule: DraftIssue['rule'], unit: number | null = null): DraftIssue => ({
  path,
  field: path.split('.')[1] ?? path,
  unit,
  ...(unit === null ? {} : { unitKind: 'controlnet' as const }),
  rule,
  values: {},
})

/**
 * What is missing among a mode's input images: img2img and inpaint need a source; inpaint a mask
 * painted on a source the app can show (a pasted link has no preview to paint on); each enabled
 * ControlNet unit its own control image or the base image. Paths start with `inputs.`.
 */
export function inputIssues(mode: WorkbenchMode, draft: ParamsDraft, inputs: FormInputs): DraftIssue[] {
  const issues: DraftIssue[] = []
  if (mode === 'image2image' || mode === 'inpaint') {
    if (inputs.source === null) issues.push(inputIssue('inputs.source', 'sourceRequired'))
  }
  if (mode === 'inpaint' && inputs.source !== null && inputs.maskImage === null && isMaskEmpty(inputs.mask)) {
    const paintable = inputs.source.previewUrl !== null && inputs.source.width !== null
    issues.push(inputIssue('inputs.mask', paintable ? 'maskRequired' : 'maskNeedsPreview'))
  }
  if (mode === 'controlnet' && inputs.source === null) {
    for (const index of enabledUnitIndexes(draft)) {
      if (!inputs.controlImages[index]) {
        issues.push(inputIssue(`inputs.control.${index}`, 'controlImageRequired', index))
      }
    }
  }
  return issues
}

let last: {
  readonly draft: ParamsDraft
  readonly mode: WorkbenchMode
  readonly inputs: FormInputs
  readonly validation: DraftValidation
} | null = null

const sameInputs = (a: FormInputs, b: FormInputs) =>
  a.source === b.source &&
  a.mask === b.mask &&
  a.maskImage === b.maskImage &&
  a.controlImages === b.controlImages

/**
 * Everything that keeps a submit from going out: missing input images first (they are what a mode
 * switch brings up), then the parameters' problems. The last answer is reused while nothing it
 * depends on changed, so components can select it on every render.
 */
export function validateForm(mode: WorkbenchMode, draft: ParamsDraft, inputs: FormInputs): DraftValidation {
  if (last && last.draft === draft && last.mode === mode && sameInputs(last.inputs, inputs)) {
    return last.validation
  }
  const params = validateDraft(draft, mode)
  const missing = inputIssues(mode, draft, inputs)
  const validation = missing.length === 0 ? params : toValidation([...missing, ...params.issues])
  last = { draft, mode, inputs, validation }
  return validation
}
