import { useTranslation } from 'react-i18next'
import { toolRegistry, type ToolId } from '#contract'
import { useClient } from '../../app/client-context'
import { StorageNeededNotice, UploadConfirmDialog } from '../sources'
import { CurlButton } from './CurlButton'
import { readForm } from './form/field-values'
import { bilingual } from './form/label'
import { ToolForm } from './form/ToolForm'
import { ToolResult, type ResultActions } from './result/ToolResult'
import { formOf, useToolsStore } from './tools-store'
import { useRunTool } from './use-run-tool'

interface ToolPanelProps {
  readonly toolId: ToolId
  readonly actions: ResultActions
  onOpenSettings?(): void
}

/** One documented tool: its form from the row, Run and Copy as curl, then the latest run's result. */
export function ToolPanel({ toolId, actions, onOpenSettings }: ToolPanelProps) {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const row = toolRegistry[toolId]
  const values = useToolsStore((state) => formOf(state, toolId))
  const issues = useToolsStore((state) => state.issues[toolId]) ?? {}
  const run = useToolsStore((state) => state.runs[toolId]) ?? null
  const setField = useToolsStore((state) => state.setField)
  const { gate, run: start, dismiss } = useRunTool(toolId)
  const name = bilingual(row.name, i18n.language)

  const preview = () => {
    const read = readForm(row.fields, formOf(useToolsStore.getState(), toolId))
    if (!read.ok) {
      useToolsStore.getState().setIssues(toolId, read.issues)
      return null
    }
    return client.call('tools.previewRequest', {
      toolId,
      body: { ...read.input.body },
      images: { ...read.input.images },
    })
  }

  return (
    <section className="tl-panel" aria-labelledby="tl-panel-title">
      <header>
        <h2 id="tl-panel-title">{name}</h2>
        <p className="tl-hint">{bilingual(row.summary, i18n.language)}</p>
        <code className="tl-code">{row.toolCode}</code>
      </header>
      {/* noValidate: the row's checks name every issue by its field; the browser's bubble would stop at one. */}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <ToolForm
          fields={row.fields}
          values={values}
          issues={issues}
          onChange={(field, value) => setField(toolId, field, value)}
        />
        <div className="tl-actions">
          <button type="submit" className="tl-primary" disabled={gate.status === 'checking'}>
            {t('tools.run', { name })}
          </button>
          <CurlButton preview={preview} />
        </div>
      </form>
      {gate.status === 'failed' && (
        <p role="alert" className="tl-issue">
          {gate.message || t(`errors.${gate.code}`)}
        </p>
      )}
      {gate.status === 'needsStorage' && (
        <StorageNeededNotice profile={gate.profile} onOpenSettings={onOpenSettings} onClose={dismiss} />
      )}
      {gate.status === 'confirmUpload' && (
        <UploadConfirmDialog
          profile={gate.profile}
          storage={gate.storage}
          purpose="tool"
          keepUploads={gate.keepUploads}
          onConfirm={() => void start(true)}
          onCancel={dismiss}
        />
      )}
      {run && <ToolResult key={run.taskId} taskId={run.taskId} form={run.form} actions={actions} />}
    </section>
  )
}
