import { useTranslation } from 'react-i18next'
import type { TaskRecord, ToolId } from '#contract'
import { imageToolActions } from '../tools'

/** A tool task's output as text: caption, expanded prompts, style, how many faces; a custom request's answer. */
export function ToolOutputView({ record }: { readonly record: TaskRecord }) {
  const { t } = useTranslation()
  if (record.kind === 'custom') {
    if (record.answer === null) return null
    return (
      <>
        <h4>{t('history.tool.answer')}</h4>
        <pre className="history-answer">{JSON.stringify(record.answer, null, 2)}</pre>
        {record.media.length > 0 && (
          <ul aria-label={t('history.tool.media')}>
            {record.media.map((media) => (
              <li key={media.url}>{`${t(`history.tool.mediaType.${media.type}`)} · ${media.url}`}</li>
            ))}
          </ul>
        )}
      </>
    )
  }
  if (record.kind !== 'tool' || record.toolOutput === null) return null
  const { caption, prompts, style, faces } = record.toolOutput
  return (
    <section aria-label={t('history.tool.output')}>
      <h4>{t('history.tool.output')}</h4>
      {caption !== undefined && <p className="history-detail-prompt">{caption}</p>}
      {prompts?.map((prompt, index) => (
        <p key={index} className="history-detail-prompt">
          {`${index + 1}. ${prompt}`}
        </p>
      ))}
      {style !== undefined && <p className="history-detail-prompt">{t('history.tool.style', { style })}</p>}
      {faces !== undefined && <p>{t('history.tool.faces', { count: faces.length })}</p>}
    </section>
  )
}

/** Outpaint…, Swap face…, Detect faces, Describe for one image: each opens the Tools screen with it. */
export function ImageToolButtons({
  record,
  index,
  onOpenTool,
}: {
  readonly record: TaskRecord
  readonly index: number
  onOpenTool(toolId: ToolId, record: TaskRecord, imageIndex: number): void
}) {
  const { t } = useTranslation()
  return (
    <span role="group" aria-label={t('tools.actionsLabel', { index: index + 1 })} className="history-send-to">
      {imageToolActions.map(({ action, toolId }) => (
        <button key={action} type="button" onClick={() => onOpenTool(toolId, record, index)}>
          {t(`tools.actions.${action}`)}
        </button>
      ))}
    </span>
  )
}
