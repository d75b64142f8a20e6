import type { AdetailerUnit } from '#contract'
import { useTranslation } from 'react-i18next'
import { adetailerSections, type AdetailerFieldSpec } from './adetailer-fields'
import { CheckboxField, NumberField, SelectField, TextField } from './Fields'
import { withCurrent } from './options'
import { useWorkbenchStore } from './workbench-store'

interface AdetailerUnitFieldsProps {
  readonly index: number
  readonly unit: AdetailerUnit
}

/** All the fields of one ADetailer unit, in ADetailer's sections. */
export function AdetailerUnitFields({ index, unit }: AdetailerUnitFieldsProps) {
  const { t } = useTranslation()
  const setField = useWorkbenchStore((state) => state.setAdetailerField)
  const path = (key: string) => `alwayson_scripts.ADetailer.args.${index}.${key}`

  const render = (spec: AdetailerFieldSpec) => {
    const label = t(`workbench.fields.${spec.key}`)
    if ('when' in spec && spec.when && !unit[spec.when]) return null
    switch (spec.kind) {
      case 'number':
        return (
          <NumberField
            key={spec.key}
            label={label}
            path={path(spec.key)}
            value={unit[spec.key]}
            step={spec.step}
            onChange={(value) => setField(index, spec.key, value)}
          />
        )
      case 'toggle':
        return (
          <CheckboxField
            key={spec.key}
            label={label}
            checked={unit[spec.key]}
            onChange={(checked) => setField(index, spec.key, checked)}
          />
        )
      case 'text':
        return (
          <TextField
            key={spec.key}
            label={label}
            path={path(spec.key)}
            value={unit[spec.key]}
            suggestions={spec.suggestions}
            multiline={spec.multiline}
            onChange={(value) => setField(index, spec.key, value)}
          />
        )
      case 'choice':
        return (
          <SelectField
            key={spec.key}
            label={label}
            path={path(spec.key)}
            value={unit[spec.key]}
            options={withCurrent(spec.options, unit[spec.key])}
            onChange={(value) => setField(index, spec.key, value)}
          />
        )
    }
  }

  return (
    <>
      {adetailerSections.map((section) => (
        <fieldset key={section.title} className="wb-subgroup">
          <legend>{t(`workbench.adetailer.${section.title}`)}</legend>
          {section.fields.map(render)}
        </fieldset>
      ))}
    </>
  )
}
