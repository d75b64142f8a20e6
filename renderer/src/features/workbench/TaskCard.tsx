import { memo, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { plotCellCaption, plotLanguageOf, taskText, type TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { useSeen } from '../../shared/ui/use-seen'
import { resultDragData, resultDragType } from '../sources'
import { imageToolActions, openToolWithImage, toolName } from '../tools'
import { useQueueHolds } from '../queue'
import { openViewer } from '../viewer'
import { pickedFromResult, sendResultTo, type SendTarget } from './send-to'
import { TaskFailure } from './tasks/TaskFailure'
import { StopTrackingButton, TrackingStoppedNote } from './tasks/TrackingControls'
import { UseAsPreviewButton } from './tasks/UseAsPreviewButton'
import { useTasksStore, type LiveTask } from './tasks-store'

const sendTargets = ['image2image', 'inpaint', 'controlnet'] as const satisfies readonly SendTarget[]

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000))

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [active])
  return now
}

/**
 * A result's "send to" buttons: the mode and the task's parameters, with the result as the source
 * image (img2img, inpaint) or as ControlNet unit 1's control image (the base image stays).
 */
function SendToButtons({ record, index }: { record: TaskRecord; index: number }) {
  const { t } = useTranslation()
  const client = useClient()
  return (
    <div
      role="group"
      aria-label={t('workbench.tasks.sendTo.label', { index: index + 1 })}
      className="wb-send-to"
    >
      {sendTargets.map((target) => (
        <button
          key={target}
          type="button"
          className="wb-link"
          onClick={() => void sendResultTo(client, t, target, record, index)}
        >
          {t(`workbench.tasks.sendTo.${target}`)}
        </button>
      ))}
      <UseAsPreviewButton record={record} index={index} />
    </div>
  )
}

/** Outpaint…, Swap face…, Detect faces, Describe: the result in that tool's image slot on the Tools screen. */
function ToolButtons({ record, index }: { record: TaskRecord; index: number }) {
  const { t } = useTranslation()
  const client = useClient()
  return (
    <div role="group" aria-label={t('tools.actionsLabel', { index: index + 1 })} className="wb-send-to">
      {imageToolActions.map(({ action, toolId }) => (
        <button
          key={action}
          type="button"
          className="wb-link"
          onClick={() =>
            void pickedFromResult(client, t, record, index).then((image) => openToolWithImage(toolId, image))
          }
        >
          {t(`tools.actions.${action}`)}
        </button>
      ))}
    </div>
  )
}

/**
 * A result thumbnail; it can be dragged onto any image slot, and sent to an image mode. Read once
 * the card comes into view.
 */
function ResultImage({ record, index }: { record: TaskRecord; index: number }) {
  const { t } = useTranslation()
  const client = useClient()
  const [src, setSrc] = useState<string | null>(null)
  const figure = useRef<HTMLElement>(null)
  const seen = useSeen(figure)
  const image = record.images[index]
  const cacheKey = image?.cacheKey ?? null
  useEffect(() => {
    if (!cacheKey || !seen) return
    let current = true
    client.call('images.get', { cacheKey, size: 'thumb' }).then(
      ({ dataUrl }) => current && setSrc(dataUrl),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, cacheKey, seen])
  if (!image) return null
  const alt = t('workbench.tasks.image', { index: index + 1, seed: image.seed ?? '?' })
  return (
    <figure
      ref={figure}
      className="wb-task-image"
      draggable
      title={t('workbench.tasks.dragHint')}
      onDragStart={(event) => {
        event.dataTransfer.setData(resultDragType, resultDragData(record.id, index, cacheKey))
        event.dataTransfer.effectAllowed = 'copy'
      }}
    >
      {/* A span, not a button: a drag must be able to start on the picture (the button below is for keys). */}
      <span className="wb-task-open" onClick={() => openViewer(record, index)}>
        {src ? (
          <img src={src} alt={alt} draggable={false} decoding="async" />
        ) : (
          <span className="wb-hint">{alt}</span>
        )}
      </span>
      <button
        type="button"
        className="wb-link"
        aria-label={t('workbench.tasks.openImage', { index: index + 1 })}
        onClick={() => openViewer(record, index)}
      >
        {t('workbench.tasks.view')}
      </button>
      <SendToButtons record={record} index={index} />
      <ToolButtons record={record} index={index} />
      {image.auditPassed === false && (
        <figcaption className="wb-audit" role="note">
          {t('workbench.tasks.auditFlagged', { labels: image.auditLabels.join(', ') || '—' })}
        </figcaption>
      )}
    </figure>
  )
}

/** The card's kind label: the image mode, the tool's name, or "Custom request". */
function useKindText() {
  const { t, i18n } = useTranslation()
  return (record: TaskRecord) =>
    record.kind === 'tool'
      ? toolName(record.toolId, i18n.language)
      : record.kind === 'custom'
        ? t('workbench.tasks.custom')
        : t(`workbench.modes.${record.kind}`)
}

/**
 * One task on the workbench: status, progress bar with preview, timing, then results or the error.
 * Memoised: a running queue changes one task at a time, and the store keeps the others' objects,
 * so only the changed card renders again (issue 15's frame-time goal).
 */
function TaskCardView({ task }: { task: LiveTask }) {
  const { t, i18n } = useTranslation()
  const dismiss = useTasksStore((state) => state.dismiss)
  const kindText = useKindText()
  const { record, progress } = task
  const running = record.status === 'submitting' || record.status === 'queued' || record.status === 'running'
  const now = useNow(running)
  // Refused as "too many tasks" and held by the queue for another try: failed for now, not for good.
  const held = useQueueHolds(record.id) && record.status === 'failed'
  return (
    <article
      className={`wb-task wb-task-${held ? 'held' : record.status}`}
      aria-label={t('workbench.tasks.card', { id: record.id })}
    >
      <header>
        <strong data-testid="task-status">
          {held ? t('workbench.tasks.heldForRetry') : t(`workbench.tasks.status.${record.status}`)}
        </strong>
        {record.kind !== 'text2image' && <span className="wb-task-kind">{kindText(record)}</span>}
        {running && <StopTrackingButton record={record} />}
        <button
          type="button"
          className="wb-link"
          title={t('workbench.tasks.dismissHint')}
          onClick={() => dismiss(record.id)}
        >
          {t('workbench.tasks.dismiss')}
        </button>
      </header>
      {record.plot?.values && (
        <p className="wb-hint">{plotCellCaption(record.plot.values, plotLanguageOf(i18n.language))}</p>
      )}
      <p className="wb-task-prompt" title={taskText(record).prompt}>
        {taskText(record).prompt}
      </p>
      {running && (
        <>
          <progress
            max={100}
            value={progress?.percent ?? undefined}
            aria-label={t('workbench.tasks.progress')}
          />
          <small>
            {progress?.percent != null && `${Math.round(progress.percent)}% · `}
            {t('workbench.tasks.elapsed', { seconds: seconds(now - record.createdAt) })}
            {progress?.etaMs != null &&
              ` · ${t('workbench.tasks.eta', { seconds: seconds(progress.etaMs) })}`}
          </small>
          {progress?.previewImage && (
            <img className="wb-task-preview" src={progress.previewImage} alt={t('workbench.tasks.preview')} />
          )}
        </>
      )}
      {record.status === 'succeeded' && (
        <div className="wb-task-images">
          {record.images.map((image, index) => (
            <ResultImage key={`${image.url}-${index}`} record={record} index={index} />
          ))}
        </div>
      )}
      {held && <p className="wb-hint">{t('workbench.tasks.heldNote')}</p>}
      {record.status === 'failed' && !held && <TaskFailure record={record} />}
      {task.alsoFailed && task.alsoFailed.length > 0 && (
        <p className="wb-hint" data-testid="task-also-failed">
          {t('workbench.tasks.alsoFailed', { count: task.alsoFailed.length })}
        </p>
      )}
      {record.status === 'cancelled' && <TrackingStoppedNote record={record} />}
    </article>
  )
}

export const TaskCard = memo(TaskCardView)
