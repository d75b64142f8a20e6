import type { FieldSpec } from '#contract'
import type { FieldIssue, FieldValue, FormValues } from './field-values'
import { FieldInput } from './FieldInput'

interface ToolFormProps {
  readonly fields: readonly FieldSpec[]
  readonly values: FormValues
  readonly issues: Readonly<Record<string, FieldIssue>>
  onChange(name: string, value: FieldValue): void
}

/** Every field of a tool's row, images first (they are what the tool works on), then the rest. */
export function ToolForm({ fields, values, issues, onChange }: ToolFormProps) {
  const isImage = (field: FieldSpec) => field.type === 'image' || field.type === 'imageList'
  const ordered = [...fields.filter(isImage), ...fields.filter((field) => !isImage(field))]
  return (
    <div className="tl-form">
      {ordered.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={values[field.name] ?? null}
          issue={issues[field.name]}
          onChange={(value) => onChange(field.name, value)}
        />
      ))}
    </div>
  )
}
