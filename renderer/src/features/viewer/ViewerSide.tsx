import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isSdTask, taskText, type TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { LineageChain } from '../lineage'
import { SaveButtons } from './SaveButtons'
import { openViewer } from './viewer-store'
import type { SaveControls } from './use-save-actions'

/** The task's parameters as A1111 infotext with this image's seed; null while loading or unknown. */
function useInfotext(record: TaskRecord, index: number): string | null {
  const client = useClient()
  const [text, setText] = useState<{ key: string; text: string | null } | null>(null)
  const key = `${record.id}:${index}`
  useEffect(() => {
    if (record.paramsUnknown === true) return
    let current = true
    client.call('history.infotext', { id: record.id, imageIndex: index }).then(
      (answer) => current && setText({ key, text: answer.text }),
      () => current && setText({ key, text: null }),
    )
    return () => {
      current = false
    }
  }, [client, record.id, record.paramsUnknown, index, key])
  return text?.key === key ? text.text : null
}

/** Beside the image: seed, size, model, the full parameters, where the task came from, and saving. */
export function ViewerSide({
  record,
  index,
  save,
  marked,
  onCompare,
}: {
  readonly record: TaskRecord
  readonly index: number
  readonly save: SaveControls
  /** Whether another result is waiting to be compared with this one. */
  readonly marked: boolean
  onCompare(): void
}) {
  const { t } = useTranslation()
  const infotext = useInfotext(record, index)
  const image = record.images[index]
  const known = record.paramsUnknown !== true
  // Tool tasks and custom requests have no SD parameters to show.
  const sd = known && isSdTask(record) ? record.params : null
  return (
    <aside className="viewer-side" aria-label={t('viewer.side')}>
      <dl className="viewer-facts">
        <div>
          <dt>{t('viewer.facts.seed')}</dt>
          <dd data-testid="viewer-seed">{image?.seed ?? sd?.seed ?? '?'}</dd>
        </div>
        {sd && (
          <>
            <div>
              <dt>{t('viewer.facts.size')}</dt>
              <dd>{`${sd.width}×${sd.height}`}</dd>
            </div>
            <div>
              <dt>{t('viewer.facts.model')}</dt>
              <dd>{sd.alwayson_scripts.sd_model_checkpoint}</dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('viewer.facts.task')}</dt>
          <dd className="viewer-mono">{record.id}</dd>
        </div>
      </dl>
      <SaveButtons record={record} index={index} save={save} />
      <button type="button" onClick={onCompare} title="C" aria-pressed={marked}>
        {t(marked ? 'viewer.compare.with' : 'viewer.compare.mark')}
      </button>
      <h4>{t('viewer.parameters')}</h4>
      <pre className="viewer-infotext">
        {known ? (infotext ?? (taskText(record).prompt || '…')) : t('viewer.paramsUnknown')}
      </pre>
      <LineageChain record={record} onOpen={openViewer} />
      <p className="viewer-keys">{t('viewer.keys')}</p>
    </aside>
  )
}
