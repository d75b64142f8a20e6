import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { outputPatternTokens } from '#contract'
import { useClient } from '../../app/client-context'
import { BridgeError } from '../../bridge'
import { SaveOutcome, type SaveOutcomeMessage } from '../../shared/ui/SaveOutcome'

interface Loaded {
  readonly folder: string
  readonly pattern: string
  readonly dialogs: boolean
  readonly example: string
}

/**
 * The output folder: when set, every result is written there as it arrives, named by the
 * pattern, with its parameters inside the PNG. Empty = results stay in the app's image cache only.
 */
export function OutputFolderSection() {
  const { t } = useTranslation()
  const client = useClient()
  const [form, setForm] = useState<Loaded | null>(null)
  const [message, setMessage] = useState<SaveOutcomeMessage | null>(null)
  useEffect(() => {
    client.call('outputs.get', {}).then(
      (state) =>
        setForm({
          folder: state.settings.folder ?? '',
          pattern: state.settings.pattern,
          dialogs: state.dialogs,
          example: state.example,
        }),
      () => undefined,
    )
  }, [client])
  if (!form) return null
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setMessage(null)
    client.call('outputs.configure', { folder: form.folder.trim() || null, pattern: form.pattern }).then(
      (state) => {
        setForm({ ...form, example: state.example })
        setMessage({
          text: t(state.settings.folder ? 'results.outputs.saved' : 'results.outputs.off'),
          failed: false,
        })
      },
      (error: unknown) => {
        const field = error instanceof BridgeError ? error.details?.field : undefined
        const issues = error instanceof BridgeError ? JSON.stringify(error.details?.issues ?? '') : ''
        const which = field === 'folder' || issues.includes('"folder"') ? 'folder' : 'pattern'
        setMessage({ text: t(`results.outputs.bad.${which}`), failed: true })
      },
    )
  }
  const choose = () =>
    void client.call('outputs.chooseFolder', {}).then(
      ({ folder }) => folder && setForm({ ...form, folder }),
      () => undefined,
    )
  return (
    <form className="settings-panel settings-form" aria-labelledby="outputs-title" onSubmit={submit}>
      <h3 id="outputs-title">{t('results.outputs.title')}</h3>
      <p className="settings-muted">{t('results.outputs.hint')}</p>
      <label>
        {t('results.outputs.folder')}
        <span className="settings-row outputs-folder-row">
          <input
            value={form.folder}
            placeholder={t('results.outputs.folderPlaceholder')}
            onChange={(event) => setForm({ ...form, folder: event.target.value })}
          />
          {form.dialogs && (
            <button type="button" onClick={choose}>
              {t('results.outputs.choose')}
            </button>
          )}
        </span>
      </label>
      <label>
        {t('results.outputs.pattern')}
        <input value={form.pattern} onChange={(event) => setForm({ ...form, pattern: event.target.value })} />
      </label>
      <p className="settings-muted">
        {t('results.outputs.tokens', { tokens: outputPatternTokens.map((token) => `[${token}]`).join(' ') })}
      </p>
      <p className="settings-muted">{t('results.outputs.example', { name: form.example })}</p>
      <button type="submit">{t('results.outputs.save')}</button>
      <SaveOutcome message={message} />
    </form>
  )
}
