import { useTranslation } from 'react-i18next'
import { isTerminalStatus, type TaskRecord, type ToolTaskRecord } from '#contract'
import { resultDragData, resultDragType, type PickedImage } from '../../sources'
import type { FormValues } from '../form/field-values'
import { FaceBoxes } from './FaceBoxes'
import { ImageViewer } from './ImageViewer'
import { SendOnwards, type ImageMode } from './SendOnwards'
import { TextOutput, type PromptUse } from './TextOutput'
import { useCachedImage, useTaskRecord } from './use-task-record'

export interface ResultActions {
  onUsePrompt(text: string, use: PromptUse): void
  /** A result image as the source of an image mode in the workbench. */
  onSendImageTo?(mode: ImageMode, record: TaskRecord, index: number): void
  /** A face of a detection was clicked: multiple swap with that image as target and `faceIdx`. */
  onPickFace(target: PickedImage, faceIdx: number): void
}

const asPicked = (value: FormValues[string] | undefined): PickedImage | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'source' in value ? value : null

/** One result image, large, draggable onto any image slot, and sent onwards from its buttons. */
function OutputImage({
  record,
  index,
  actions,
}: {
  record: TaskRecord
  index: number
  actions: ResultActions
}) {
  const { t } = useTranslation()
  const cacheKey = record.images[index]?.cacheKey ?? null
  const src = useCachedImage(cacheKey)
  return (
    <div
      className="tl-output"
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(resultDragType, resultDragData(record.id, index, cacheKey))
        event.dataTransfer.effectAllowed = 'copy'
      }}
    >
      <ImageViewer src={src} alt={t('tools.result.image', { number: index + 1 })} />
      <SendOnwards record={record} index={index} previewUrl={src} onSendImageTo={actions.onSendImageTo} />
    </div>
  )
}

/** The detection's image (as it was picked) with its faces as numbered boxes. */
function DetectedFaces({
  record,
  form,
  actions,
}: {
  record: ToolTaskRecord
  form: FormValues
  actions: ResultActions
}) {
  const { t } = useTranslation()
  const faces = record.toolOutput?.faces ?? []
  const picked = asPicked(form.imageUrl)
  const input = record.inputs?.[0]
  const cached = useCachedImage(picked?.previewUrl ? null : (input?.cacheKey ?? null))
  const src = picked?.previewUrl ?? cached
  const width = picked?.width ?? input?.sent?.width ?? null
  const height = picked?.height ?? input?.sent?.height ?? null
  if (faces.length === 0) return <p role="status">{t('tools.result.noFaces')}</p>
  const size = width !== null && height !== null ? { width, height } : null
  const pick = (faceIdx: number) => picked && actions.onPickFace(picked, faceIdx)
  const boxes = <FaceBoxes faces={faces} size={src === null ? null : size} onPick={pick} />
  return (
    <>
      <p role="status">{t('tools.result.facesFound', { count: faces.length })}</p>
      {src !== null && size !== null ? (
        <ImageViewer src={src} alt={t('tools.result.detectedImage')} overlay={boxes} />
      ) : (
        boxes
      )}
    </>
  )
}

function ToolOutput({
  record,
  form,
  actions,
}: {
  record: ToolTaskRecord
  form: FormValues
  actions: ResultActions
}) {
  const { t } = useTranslation()
  const output = record.toolOutput
  if (output?.faces) return <DetectedFaces record={record} form={form} actions={actions} />
  return (
    <>
      {record.images.map((_, index) => (
        <OutputImage key={index} record={record} index={index} actions={actions} />
      ))}
      {output?.caption !== undefined && (
        <TextOutput label={t('tools.result.caption')} text={output.caption} onUse={actions.onUsePrompt} />
      )}
      {output?.prompts?.map((prompt, index) => (
        <TextOutput
          key={index}
          label={t('tools.result.prompt', { number: index + 1 })}
          text={prompt}
          onUse={actions.onUsePrompt}
        />
      ))}
      {output?.style !== undefined && (
        <TextOutput label={t('tools.result.style')} text={output.style} onUse={actions.onUsePrompt} />
      )}
    </>
  )
}

/** A tool task's progress, then its output or its error, kept current as main reports it. */
export function ToolResult({
  taskId,
  form,
  actions,
}: {
  taskId: string
  form: FormValues
  actions: ResultActions
}) {
  const { t } = useTranslation()
  const record = useTaskRecord(taskId)
  if (record === null || record.kind !== 'tool') return <p role="status">{t('tools.result.waiting')}</p>
  const running = !isTerminalStatus(record.status)
  return (
    <section className="tl-result" aria-label={t('tools.result.label')} aria-busy={running || undefined}>
      <p role="status" data-testid="tool-status">
        {t(`tools.status.${record.status}`)}
      </p>
      {running && <progress aria-label={t('tools.result.progress')} />}
      {record.status === 'failed' && record.error && (
        <div role="alert" className="tl-error">
          <strong>{t(`errors.${record.error.code}`)}</strong>
          <p>{record.error.message}</p>
        </div>
      )}
      {record.status === 'succeeded' && <ToolOutput record={record} form={form} actions={actions} />}
    </section>
  )
}
