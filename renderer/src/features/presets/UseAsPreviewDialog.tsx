import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Preset, TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { Modal } from '../../shared/ui/Modal'
import { PresetThumb } from './PresetThumb'
import { previewCandidates, setResultAsPreview } from './use-as-preview'

/**
 * "Use as preview": which preset's thumbnail a result becomes, among the presets that made it
 * (its checkpoint, its LoRAs). Says when none of them is in the library.
 */
export function UseAsPreviewDialog({
  record,
  index,
  onClose,
}: {
  readonly record: TaskRecord
  readonly index: number
  onClose(): void
}) {
  const { t } = useTranslation()
  const client = useClient()
  const [candidates, setCandidates] = useState<Preset[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    previewCandidates(client, record).then(
      (found) => current && setCandidates(found),
      () => current && setCandidates([]),
    )
    return () => {
      current = false
    }
  }, [client, record])
  const choose = (preset: Preset) =>
    void setResultAsPreview(client, record, index, preset).then(
      (outcome) =>
        outcome === 'ok'
          ? setMessage(t('presets.preview.done', { name: preset.displayName }))
          : setMessage(t(`presets.preview.${outcome}`)),
      () => setMessage(t('presets.preview.failed')),
    )
  return (
    <Modal title={t('presets.preview.title', { index: index + 1 })} onCancel={onClose}>
      {candidates === null && <p>{t('presets.preview.loading')}</p>}
      {candidates?.length === 0 && <p>{t('presets.preview.none')}</p>}
      <ul className="preset-preview-choices">
        {candidates?.map((preset) => (
          <li key={preset.id}>
            <PresetThumb preset={preset} />
            <button type="button" onClick={() => choose(preset)}>
              {t('presets.preview.useFor', { name: preset.displayName })}
            </button>
          </li>
        ))}
      </ul>
      {message && <p role="status">{message}</p>}
      <button type="button" onClick={onClose}>
        {t('presets.preview.close')}
      </button>
    </Modal>
  )
}
