import { useTranslation } from 'react-i18next'
import type { ControlNetUnitSettings } from '#contract'
import { NumberInput } from './NumberInput'
import { thresholdsFor, type ThresholdSpec } from './preprocessors'

interface ThresholdFieldsProps {
  readonly unit: ControlNetUnitSettings
  readonly onChange: (unit: ControlNetUnitSettings) => void
}

/**
 * The preprocessor's own sliders (canny's low/high thresholds and the like), only for the
 * preprocessors that have them. A unit value of -1 means "the preprocessor's default", shown as
 * that default.
 */
export function ThresholdFields({ unit, onChange }: ThresholdFieldsProps) {
  const { t } = useTranslation()
  const specs = thresholdsFor(unit.module.trim())
  if (specs === null) return null
  const field = (spec: ThresholdSpec, key: 'threshold_a' | 'threshold_b') => (
    <NumberInput
      key={key}
      label={t(`controlnet.thresholds.${spec.name}`)}
      value={unit[key] === -1 ? spec.preset : unit[key]}
      min={spec.min}
      max={spec.max}
      step={spec.step}
      onChange={(value) => onChange({ ...unit, [key]: value })}
    />
  )
  return (
    <>
      {field(specs.a, 'threshold_a')}
      {specs.b && field(specs.b, 'threshold_b')}
    </>
  )
}
