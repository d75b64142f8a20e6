import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import { UseAsPreviewDialog } from '../../presets'

/** "Use as preview…" on a result: makes it the thumbnail of a preset that made it. */
export function UseAsPreviewButton({
  record,
  index,
}: {
  readonly record: TaskRecord
  readonly index: number
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="wb-link" onClick={() => setOpen(true)}>
        {t('workbench.tasks.useAsPreview')}
      </button>
      {open && <UseAsPreviewDialog record={record} index={index} onClose={() => setOpen(false)} />}
    </>
  )
}
