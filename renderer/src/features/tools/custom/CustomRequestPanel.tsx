import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../../../app/client-context'
import { FileButton } from '../../../shared/ui/FileButton'
import { CurlButton } from '../CurlButton'
import { failureOf } from '../use-run-tool'
import { checkBody, newBusinessTaskId, pathLooksRight, toSaved, type CustomDraft } from './custom-draft'
import { CustomResult } from './CustomResult'
import type { useCustomTools } from './custom-tools'

interface CustomRequestPanelProps {
  /** The tool's name (an undocumented tool's, or the saved custom tool's). */
  readonly title: string
  readonly draft: CustomDraft
  /** Set for a saved custom tool: it can be deleted. */
  readonly savedName: string | null
  readonly customTools: ReturnType<typeof useCustomTools>
  onDraft(draft: CustomDraft): void
}

/** The body with a new `businessTaskId`, so the next Send is a new task; unchanged if it does not parse. */
function withNewTaskId(text: string): string {
  const check = checkBody(text)
  return check.ok ? JSON.stringify({ ...check.body, businessTaskId: newBusinessTaskId() }, null, 2) : text
}

/**
 * A request to a tool whose body the docs do not show: path under /AIGCImgOpenServ/saas/, a JSON
 * body checked as it is typed, a tool code to track it by, Send (main adds the profile's keys; the
 * page never has them) and Copy as curl (keys as placeholders). It can be kept as a custom tool.
 */
export function CustomRequestPanel({
  title,
  draft,
  savedName,
  customTools,
  onDraft,
}: CustomRequestPanelProps) {
  const { t } = useTranslation()
  const client = useClient()
  const id = useId()
  const [taskId, setTaskId] = useState<string | null>(null)
  const [sendError, setSendError] = useState<string | null>(null)
  const [name, setName] = useState(savedName ?? title)
  const check = checkBody(draft.bodyText)
  const pathOk = pathLooksRight(draft.path)
  const request = () =>
    check.ok ? { path: draft.path.trim(), toolCode: draft.toolCode.trim(), body: check.body } : null

  const send = async () => {
    const input = request()
    if (input === null || !pathOk) return
    setSendError(null)
    try {
      setTaskId((await client.call('tools.customRequest', input)).taskId)
      onDraft({ ...draft, bodyText: withNewTaskId(draft.bodyText) })
    } catch (error) {
      const { code, message } = failureOf(error)
      setSendError(message || t(`errors.${code}`))
    }
  }
  const bodyIssue = check.ok
    ? null
    : check.issue === 'syntax'
      ? t('tools.custom.syntax', { detail: check.detail })
      : t('tools.custom.notObject')

  return (
    <section className="tl-panel" aria-labelledby={`${id}-title`}>
      <header>
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="tl-badge">{t('tools.notDocumented')}</p>
        <p className="tl-hint">{t('tools.custom.explain')}</p>
      </header>
      <div className="tl-form">
        <div className="tl-field tl-field-path" data-invalid={pathOk ? undefined : true}>
          <label htmlFor={`${id}-path`}>{t('tools.custom.path')}</label>
          <input
            id={`${id}-path`}
            type="text"
            spellCheck={false}
            value={draft.path}
            aria-invalid={pathOk ? undefined : true}
            onChange={(event) => onDraft({ ...draft, path: event.target.value })}
          />
          {!pathOk && <small className="tl-issue">{t('tools.custom.pathIssue')}</small>}
        </div>
        <div className="tl-field">
          <label htmlFor={`${id}-code`}>{t('tools.custom.toolCode')}</label>
          <input
            id={`${id}-code`}
            type="text"
            spellCheck={false}
            value={draft.toolCode}
            aria-describedby={`${id}-code-hint`}
            onChange={(event) => onDraft({ ...draft, toolCode: event.target.value })}
          />
          <small id={`${id}-code-hint`} className="tl-hint">
            {t('tools.custom.toolCodeHint')}
          </small>
        </div>
        <div className="tl-field tl-field-body" data-invalid={bodyIssue ? true : undefined}>
          <label htmlFor={`${id}-body`}>{t('tools.custom.body')}</label>
          <textarea
            id={`${id}-body`}
            className="tl-json"
            rows={10}
            spellCheck={false}
            value={draft.bodyText}
            aria-invalid={bodyIssue ? true : undefined}
            aria-describedby={`${id}-body-state`}
            onChange={(event) => onDraft({ ...draft, bodyText: event.target.value })}
          />
          <small id={`${id}-body-state`} className={bodyIssue ? 'tl-issue' : 'tl-hint'} role="status">
            {bodyIssue ?? t('tools.custom.bodyOk')}
          </small>
        </div>
      </div>
      <div className="tl-actions">
        <button
          type="button"
          className="tl-primary"
          disabled={!check.ok || !pathOk}
          onClick={() => void send()}
        >
          {t('tools.custom.send')}
        </button>
        <CurlButton
          preview={() => {
            const input = request()
            return input && client.call('tools.previewCustomRequest', input)
          }}
        />
      </div>
      {sendError && (
        <p role="alert" className="tl-issue">
          {sendError}
        </p>
      )}
      <fieldset className="tl-save">
        <legend>{t('tools.custom.saveTitle')}</legend>
        <label htmlFor={`${id}-name`}>{t('tools.custom.name')}</label>
        <input
          id={`${id}-name`}
          type="text"
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="button"
          disabled={!check.ok || name.trim() === ''}
          onClick={() =>
            check.ok &&
            void customTools.save(
              toSaved(name, draft, check.body),
              t('tools.custom.saved', { name: name.trim() }),
            )
          }
        >
          {t('tools.custom.save')}
        </button>
        {savedName !== null && (
          <button
            type="button"
            onClick={() => void customTools.remove(savedName, t('tools.custom.deleted', { name: savedName }))}
          >
            {t('tools.custom.delete')}
          </button>
        )}
        <button type="button" onClick={() => void customTools.exportAll()}>
          {t('tools.custom.export')}
        </button>
        <FileButton
          label={t('tools.custom.import')}
          accept="application/json,.json"
          onFile={(file) =>
            void customTools.importFile(
              file,
              (count) => t('tools.custom.imported', { count }),
              t('tools.custom.tooLarge'),
            )
          }
        />
        {customTools.notice && (
          <p
            role={customTools.notice.kind === 'error' ? 'alert' : 'status'}
            className={customTools.notice.kind === 'error' ? 'tl-issue' : 'tl-hint'}
          >
            {customTools.notice.text}
          </p>
        )}
      </fieldset>
      {taskId && <CustomResult key={taskId} taskId={taskId} />}
    </section>
  )
}
