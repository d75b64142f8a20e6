import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { selectValidation } from './selectors'
import type { DraftIssue } from './validation'
import { useWorkbenchStore } from './workbench-store'

const unitLabelKeys = {
  adetailer: 'workbench.validation.unitField',
  controlnet: 'workbench.validation.controlNetUnitField',
} as const

/** An issue in the user's language, with the field's own label and the schema's limits. */
export function issueMessage(t: TFunction, issue: DraftIssue): string {
  const label = t(`workbench.fields.${issue.field}`)
  const unit = issue.unit === null ? undefined : issue.unit + 1
  const field =
    unit === undefined ? label : t(unitLabelKeys[issue.unitKind ?? 'adetailer'], { unit, field: label })
  return t(`workbench.validation.${issue.rule}`, { field, unit, ...issue.values })
}

/** The message for one field's first issue, or null when it is fine. */
export function useFieldIssue(path: string): string | null {
  const { t } = useTranslation()
  const issue = useWorkbenchStore((state) => selectValidation(state).byPath.get(path))
  return issue ? issueMessage(t, issue) : null
}
