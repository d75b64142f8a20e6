import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { taskText, type TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { openViewer, SaveButtons, useFullImage, useSaveActions } from '../viewer'
import type { LiveTask } from '../workbench/tasks-store'
import { BatchStrip } from './BatchStrip'
import { useLatestTask } from './use-latest-task'
import './results.css'

const isRunning = (record: TaskRecord) =>
  record.status === 'submitting' || record.status === 'queued' || record.status === 'running'

/** A running task at stage size: its live preview when the service sends one, and the progress. */
function RunningStage({ task }: { task: LiveTask }) {
  const { t } = useTranslation()
  const percent = task.progress?.percent ?? null
  return (
    <div className="results-running">
      {task.progress?.previewImage ? (
        <img className="results-image" src={task.progress.previewImage} alt={t('results.preview')} />
      ) : (
        <div className="results-placeholder">{t(`results.status.${task.record.status}`)}</div>
      )}
      <progress max={100} value={percent ?? undefined} aria-label={t('results.progress')} />
      {percent !== null && (
        <span>{`${Math.round(percent)}% · ${t(`results.status.${task.record.status}`)}`}</span>
      )}
    </div>
  )
}

/** The chosen result at stage size; a click (or Enter) opens it in the viewer. */
function ShownImage({ record, index }: { record: TaskRecord; index: number }) {
  const { t } = useTranslation()
  const client = useClient()
  const src = useFullImage(client, record.images[index]?.cacheKey ?? null)
  const alt = t('results.image', { index: index + 1, seed: record.images[index]?.seed ?? '?' })
  return (
    <button
      type="button"
      className="results-open"
      onClick={() => openViewer(record, index)}
      title={t('results.openHint')}
    >
      {typeof src === 'string' && src !== 'failed' ? (
        <img className="results-image" src={src} alt={alt} draggable={false} />
      ) : (
        <span className="results-placeholder">{alt}</span>
      )}
    </button>
  )
}

/**
 * The centre of the workbench: the latest result large, its batch as a strip under it, and what
 * can be done with it; a running task shows its live progress here. ←/→ pick in the batch, Enter
 * opens the viewer.
 */
export function ResultsStage() {
  const { t } = useTranslation()
  const task = useLatestTask()
  const save = useSaveActions()
  const [chosen, setChosen] = useState<{ id: string; index: number } | null>(null)
  const record = task?.record ?? null
  const index =
    record && chosen?.id === record.id ? Math.min(chosen.index, Math.max(0, record.images.length - 1)) : 0
  const select = (next: number) => record && setChosen({ id: record.id, index: next })
  const onKeyDown = (event: KeyboardEvent) => {
    if (!record || record.images.length === 0 || event.target instanceof HTMLInputElement) return
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1 }
    const move = moves[event.key]
    if (move === undefined) return
    event.preventDefault()
    select((index + move + record.images.length) % record.images.length)
  }
  return (
    <section className="results-stage" aria-label={t('results.title')} onKeyDown={onKeyDown}>
      {!task || !record ? (
        <p className="results-empty">{t('results.empty')}</p>
      ) : isRunning(record) ? (
        <RunningStage task={task} />
      ) : record.status === 'succeeded' && record.images.length > 0 ? (
        <>
          <ShownImage record={record} index={index} />
          <BatchStrip
            record={record}
            selected={index}
            onSelect={select}
            onOpen={(at) => openViewer(record, at)}
          />
          <div className="results-bar">
            <p className="results-prompt" title={taskText(record).prompt}>
              {taskText(record).prompt}
            </p>
            <SaveButtons record={record} index={index} save={save} />
          </div>
        </>
      ) : (
        <p className="results-empty">{t(`results.status.${record.status}`)}</p>
      )}
    </section>
  )
}
