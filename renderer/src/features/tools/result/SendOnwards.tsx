import { useTranslation } from 'react-i18next'
import type { TaskRecord } from '#contract'
import { dataUrlHead, imageSizeOf, type PickedImage } from '../../sources'
import { imageToolActions } from '../image-actions'
import { openToolWithImage } from '../open-tool'

/** The image modes a tool's result can go to; the shell loads it into the workbench. */
export const imageModes = ['image2image', 'inpaint', 'controlnet'] as const
export type ImageMode = (typeof imageModes)[number]

/** A tool's result as an input image of another tool: its link while it works, the cached copy after. */
function asInput(record: TaskRecord, index: number, previewUrl: string | null, label: string): PickedImage {
  const size = previewUrl === null ? null : imageSizeOf(dataUrlHead(previewUrl))
  return {
    source: { type: 'result', taskId: record.id, index },
    previewUrl,
    width: size?.width ?? null,
    height: size?.height ?? null,
    label,
    needsUpload: false,
  }
}

/** "Send to img2img / inpaint / ControlNet" and the image tools, for one result of a tool. */
export function SendOnwards({
  record,
  index,
  previewUrl,
  onSendImageTo,
}: {
  readonly record: TaskRecord
  readonly index: number
  readonly previewUrl: string | null
  onSendImageTo?(mode: ImageMode, record: TaskRecord, index: number): void
}) {
  const { t } = useTranslation()
  const label = t('tools.result.image', { number: index + 1 })
  return (
    <div className="tl-actions" role="group" aria-label={t('tools.result.sendLabel', { number: index + 1 })}>
      {onSendImageTo &&
        imageModes.map((mode) => (
          <button key={mode} type="button" onClick={() => onSendImageTo(mode, record, index)}>
            {t(`tools.result.sendTo.${mode}`)}
          </button>
        ))}
      {imageToolActions.map(({ action, toolId }) => (
        <button
          key={action}
          type="button"
          onClick={() => openToolWithImage(toolId, asInput(record, index, previewUrl, label))}
        >
          {t(`tools.actions.${action}`)}
        </button>
      ))}
    </div>
  )
}
