import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldSpec } from '#contract'
import { ImageSourcePicker, type PickedImage } from '../../sources'
import type { FieldIssue, FieldValue } from './field-values'
import { bilingual } from './label'

interface FieldInputProps {
  readonly field: FieldSpec
  readonly value: FieldValue
  readonly issue: FieldIssue | undefined
  onChange(value: FieldValue): void
}

const asText = (value: FieldValue) => (typeof value === 'string' ? value : '')
const asPicked = (value: FieldValue): PickedImage | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'source' in value ? value : null

/** A list field's slots: as many as it holds, at least one, at most `max`. */
function ImageListInput({
  field,
  value,
  onChange,
}: {
  readonly field: Extract<FieldSpec, { type: 'imageList' }>
  readonly value: FieldValue
  onChange(value: FieldValue): void
}) {
  const { t, i18n } = useTranslation()
  const list = Array.isArray(value) ? value : []
  const slots = list.length === 0 ? [null] : list
  const label = bilingual(field.label, i18n.language)
  const set = (index: number, next: PickedImage | null) =>
    onChange(slots.map((image, at) => (at === index ? next : image)))
  return (
    <div className="tl-image-list">
      {slots.map((image, index) => (
        <ImageSourcePicker
          key={index}
          label={t('tools.form.listSlot', { label, number: index + 1 })}
          value={image}
          onChange={(next) => set(index, next)}
        />
      ))}
      {slots.length < field.maxItems && (
        <button type="button" onClick={() => onChange([...slots, null])}>
          {t('tools.form.addImage')}
        </button>
      )}
    </div>
  )
}

/**
 * One body field as its row describes it: a number box with the row's range and step, a select
 * for an enum, a text box (multi-line for prompts), a checkbox, or the image slot used everywhere
 * else in the app (file, clipboard, drop, link, earlier result).
 */
export function FieldInput({ field, value, issue, onChange }: FieldInputProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const label = bilingual(field.label, i18n.language)
  const help = field.help ? bilingual(field.help, i18n.language) : null
  const issueId = issue ? `${id}-issue` : undefined
  const helpId = help ? `${id}-help` : undefined
  const describedBy = [helpId, issueId].filter(Boolean).join(' ') || undefined
  const common = { id, 'aria-invalid': issue ? true : undefined, 'aria-describedby': describedBy }

  if (field.type === 'image')
    return (
      <div className="tl-field tl-field-image">
        <ImageSourcePicker label={label} value={asPicked(value)} onChange={onChange} />
        {issue && <FieldIssueText id={issueId} issue={issue} />}
      </div>
    )
  if (field.type === 'imageList')
    return (
      <div className="tl-field tl-field-image">
        <ImageListInput field={field} value={value} onChange={onChange} />
        {issue && <FieldIssueText id={issueId} issue={issue} />}
      </div>
    )

  const control = (() => {
    switch (field.type) {
      case 'integer':
      case 'number':
      case 'decimalString':
        return (
          <input
            {...common}
            type="number"
            inputMode="decimal"
            min={field.min}
            max={field.max}
            step={field.step ?? (field.type === 'integer' ? 1 : 'any')}
            value={asText(value)}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      case 'enum':
        return (
          <select {...common} value={asText(value)} onChange={(event) => onChange(event.target.value)}>
            {!field.required && field.default === undefined && (
              <option value="">{t('tools.form.serviceDefault')}</option>
            )}
            {field.options.map((option) => (
              <option key={String(option.value)} value={String(option.value)}>
                {bilingual(option.label, i18n.language)}
              </option>
            ))}
          </select>
        )
      case 'boolean':
        return (
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
        )
      case 'string':
        return field.multiline ? (
          <textarea
            {...common}
            rows={3}
            maxLength={field.maxLength}
            value={asText(value)}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            {...common}
            type="text"
            maxLength={field.maxLength}
            value={asText(value)}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      case 'url':
        return (
          <input
            {...common}
            type="url"
            placeholder="https://"
            value={asText(value)}
            onChange={(event) => onChange(event.target.value)}
          />
        )
    }
  })()

  return (
    <div className={`tl-field tl-field-${field.type}`} data-invalid={issue ? true : undefined}>
      <label htmlFor={id}>
        {label}
        {field.required && <span className="tl-required"> *</span>}
      </label>
      {control}
      {help && (
        <small id={helpId} className="tl-hint">
          {help}
        </small>
      )}
      {issue && <FieldIssueText id={issueId} issue={issue} />}
    </div>
  )
}

function FieldIssueText({ id, issue }: { readonly id: string | undefined; readonly issue: FieldIssue }) {
  const { t } = useTranslation()
  return (
    <small id={id} className="tl-issue" role="alert">
      {t(`tools.issue.${issue.kind}`, issue)}
    </small>
  )
}
