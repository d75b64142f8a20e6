import { useTranslation } from 'react-i18next'
import { isSdTask, type TaskRecord, type ToolId } from '#contract'
import {
  bodyRows,
  formatTime,
  imageSendTargets,
  paramsKnown,
  parameterRows,
  shortLink,
  type ImageSendTarget,
} from './format'
import { fieldLabel } from '../../shared/field-label'
import { readServiceStatus } from './service-status'
import { LineageChain } from '../lineage'
import { openViewer } from '../viewer'
import { TaskInputs } from './TaskInputs'
import { TrackingActions, TrackingStoppedNote } from './TrackingActions'
import { ImageToolButtons, ToolOutputView } from './ToolOutputView'
import { TrainingJobView } from './TrainingJobView'
import { AuditFlag, DraggableResult, KindBadge, StatusBadge, Thumbnail } from './TaskRow'
import type { ThumbnailCache } from './thumbnail-cache'

export interface DetailActions {
  readonly onSendToWorkbench?: (record: TaskRecord) => void
  readonly onSendImageTo?: (target: ImageSendTarget, record: TaskRecord, imageIndex: number) => void
  readonly onRerun?: (record: TaskRecord) => void
  /** Opens the Tools screen on `toolId` with this result in its image slot. */
  readonly onOpenTool?: (toolId: ToolId, record: TaskRecord, imageIndex: number) => void
  /** Opens the preset library at a training job's LoRA. */
  readonly onOpenLora?: (name: string) => void
  copyParameters(record: TaskRecord, imageIndex?: number): void
  copyTaskId(record: TaskRecord): void
  askDelete(record: TaskRecord): void
  close(): void
}

function SendImageTo({
  record,
  index,
  actions,
}: {
  record: TaskRecord
  index: number
  actions: DetailActions
}) {
  const { t } = useTranslation()
  const { onSendImageTo } = actions
  if (!onSendImageTo) return null
  return (
    <span
      role="group"
      aria-label={t('history.sendTo.label', { index: index + 1 })}
      className="history-send-to"
    >
      {imageSendTargets.map((target) => (
        <button key={target} type="button" onClick={() => onSendImageTo(target, record, index)}>
          {t(`history.sendTo.${target}`)}
        </button>
      ))}
    </span>
  )
}

function TaskImages({
  record,
  thumbnails,
  actions,
}: {
  record: TaskRecord
  thumbnails: ThumbnailCache
  actions: DetailActions
}) {
  const { t } = useTranslation()
  if (record.images.length === 0) return <p className="history-muted">{t('history.detail.noImages')}</p>
  return (
    <ul className="history-detail-images" aria-label={t('history.detail.images')}>
      {record.images.map((image, index) => (
        <li key={`${image.url}-${index}`}>
          <DraggableResult record={record} index={index}>
            <span
              className="history-open-image"
              title={t('history.row.openImage')}
              onClick={() => openViewer(record, index)}
            >
              <Thumbnail
                cache={thumbnails}
                cacheKey={image.cacheKey}
                size={128}
                alt={t('history.detail.imageAlt', { index: index + 1 })}
              />
            </span>
          </DraggableResult>
          <span>{t('history.detail.seed', { seed: image.seed ?? t('history.detail.unknown') })}</span>
          <button type="button" onClick={() => openViewer(record, index)}>
            {t('history.row.openImage')}
          </button>
          {image.auditPassed === false && (
            <span className="history-flag">
              {t('history.audit.flagged')}
              {image.auditLabels.length > 0 && ` (${image.auditLabels.join(', ')})`}
            </span>
          )}
          {paramsKnown(record) && (
            <button type="button" onClick={() => actions.copyParameters(record, index)}>
              {t('history.detail.copyWithSeed', { index: index + 1 })}
            </button>
          )}
          <SendImageTo record={record} index={index} actions={actions} />
          {actions.onOpenTool && (
            <ImageToolButtons record={record} index={index} onOpenTool={actions.onOpenTool} />
          )}
        </li>
      ))}
    </ul>
  )
}

/** Text from the service (its status or message) in our words, the raw text kept beside it. */
function ServiceText({ text, own }: { text: string; own?: TaskRecord['status'] }) {
  const { t } = useTranslation()
  const read = readServiceStatus(text)
  const status = read.status ?? own
  if (!status) return <p>{text}</p>
  return (
    <p>
      {t(`history.status.${status}`)}
      {read.reason && ` · ${read.reason}`}{' '}
      <small className="history-muted">{t('history.detail.serviceText', { text })}</small>
    </p>
  )
}

function ServiceStatus({ text, own }: { text: string; own: TaskRecord['status'] }) {
  const { t } = useTranslation()
  return (
    <div>
      <dt>{t('history.detail.serviceStatus')}</dt>
      <dd>
        <ServiceText text={text} own={own} />
      </dd>
    </div>
  )
}

function Timestamps({ record }: { record: TaskRecord }) {
  const { t, i18n } = useTranslation()
  const rows: [string, number | null][] = [
    ['created', record.createdAt],
    ['updated', record.updatedAt],
    ['finished', record.finishedAt],
  ]
  return (
    <dl className="history-detail-facts">
      {rows.map(([key, ms]) => (
        <div key={key}>
          <dt>{t(`history.detail.${key}`)}</dt>
          <dd>{ms === null ? t('history.detail.notYet') : formatTime(ms, i18n.language)}</dd>
        </div>
      ))}
      <div>
        <dt>{t('history.detail.profile')}</dt>
        <dd>{`${record.profileName} (${record.profileId})`}</dd>
      </div>
      <div>
        <dt>{t('history.detail.taskId')}</dt>
        <dd className="history-mono">{record.id}</dd>
      </div>
      {record.description && <ServiceStatus text={record.description} own={record.status} />}
    </dl>
  )
}

/** Every stored parameter; input links (presigned: hundreds of characters of signature) shortened. */
function Parameters({ record }: { record: TaskRecord }) {
  const { t } = useTranslation()
  if (!paramsKnown(record))
    return <p className="history-notice-inline">{t('history.detail.paramsUnknown')}</p>
  if (!isSdTask(record))
    return <BodyParameters body={record.kind === 'custom' ? record.body : record.params} />
  return (
    <>
      <h4>{t('history.detail.prompt')}</h4>
      <p className="history-detail-prompt">{record.params.prompt}</p>
      <h4>{t('history.detail.negativePrompt')}</h4>
      <p className="history-detail-prompt">{record.params.negative_prompt || t('history.detail.none')}</p>
      <table className="history-params" aria-label={t('history.detail.parameters')}>
        <tbody>
          {parameterRows(record.params).map(([key, value]) => (
            <tr key={key}>
              <th scope="row" title={key}>
                {fieldLabel(t, key)}
              </th>
              <td>{(typeof value === 'string' ? shortLink(value) : null) ?? String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

/** A tool's or a custom request's body as sent: one row per field, links shortened. */
function BodyParameters({ body }: { body: Readonly<Record<string, unknown>> }) {
  const { t } = useTranslation()
  return (
    <table className="history-params" aria-label={t('history.detail.parameters')}>
      <tbody>
        {bodyRows(body).map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>{(typeof value === 'string' ? shortLink(value) : null) ?? String(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Everything stored about one task, with what can be done with it. */
export function TaskDetail({
  record,
  thumbnails,
  actions,
}: {
  record: TaskRecord
  thumbnails: ThumbnailCache
  actions: DetailActions
}) {
  const { t } = useTranslation()
  const known = paramsKnown(record)
  const { onSendToWorkbench, onRerun } = actions
  return (
    <aside className="history-detail" aria-label={t('history.detail.label')}>
      <header>
        <h3>{t('history.detail.title')}</h3>
        <StatusBadge status={record.status} taskId={record.id} />
        <KindBadge record={record} />
        <AuditFlag record={record} />
        <button type="button" onClick={actions.close}>
          {t('history.detail.close')}
        </button>
      </header>
      <div className="history-detail-actions">
        {onSendToWorkbench && (
          <button type="button" disabled={!known} onClick={() => onSendToWorkbench(record)}>
            {t('history.actions.sendToWorkbench')}
          </button>
        )}
        {onRerun && (
          <button type="button" disabled={!known} onClick={() => onRerun(record)}>
            {t('history.actions.rerun')}
          </button>
        )}
        <button type="button" disabled={!known} onClick={() => actions.copyParameters(record)}>
          {t('history.actions.copyParameters')}
        </button>
        <TrackingActions record={record} />
        <button type="button" onClick={() => actions.copyTaskId(record)}>
          {t('history.actions.copyTaskId')}
        </button>
        <button type="button" onClick={() => actions.askDelete(record)}>
          {t('history.actions.deleteOne')}
        </button>
      </div>
      {record.error && (
        <div className="history-detail-error" role="note">
          <strong>{t(`errors.${record.error.code}`)}</strong>
          {typeof record.error.details?.field === 'string' && (
            <p>{t('history.detail.rejectedField', { field: fieldLabel(t, record.error.details.field) })}</p>
          )}
          {typeof record.error.details?.serviceMessage === 'string' && (
            <ServiceText text={record.error.details.serviceMessage} />
          )}
          <small className="history-muted">{record.error.message}</small>
        </div>
      )}
      <TrackingStoppedNote record={record} />
      <Timestamps record={record} />
      <TrainingJobView record={record} thumbnails={thumbnails} onOpenLora={actions.onOpenLora} />
      <Parameters record={record} />
      <ToolOutputView record={record} />
      <TaskInputs key={record.id} record={record} thumbnails={thumbnails} />
      <h4>{t('history.detail.images')}</h4>
      <TaskImages record={record} thumbnails={thumbnails} actions={actions} />
      <LineageChain record={record} onOpen={openViewer} />
    </aside>
  )
}
