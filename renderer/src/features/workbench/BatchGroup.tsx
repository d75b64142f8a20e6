import { useTranslation } from 'react-i18next'
import { NumberField } from './Fields'
import { selectTotalImages } from './selectors'
import { useWorkbenchStore } from './workbench-store'

/** Batch count × batch size, with the number of images it will cost. */
export function BatchGroup() {
  const { t } = useTranslation()
  const nIter = useWorkbenchStore((state) => state.draft.n_iter)
  const batchSize = useWorkbenchStore((state) => state.draft.batch_size)
  const total = useWorkbenchStore(selectTotalImages)
  const setParam = useWorkbenchStore((state) => state.setParam)
  return (
    <fieldset className="wb-group">
      <legend>{t('workbench.groups.batch')}</legend>
      <div className="wb-row">
        <NumberField
          label={t('workbench.fields.n_iter')}
          path="n_iter"
          value={nIter}
          onChange={(value) => setParam('n_iter', value)}
        />
        <NumberField
          label={t('workbench.fields.batch_size')}
          path="batch_size"
          value={batchSize}
          onChange={(value) => setParam('batch_size', value)}
        />
      </div>
      <output className="wb-hint" aria-live="polite">
        {t('workbench.batch.total', { count: Number.isFinite(total) ? total : 0 })}
      </output>
    </fieldset>
  )
}
