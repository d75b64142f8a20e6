import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../../app/client-context'
import { useDynamicPrompts } from './dynamic-store'
import { SaveOutcome, type SaveOutcomeMessage } from '../../shared/ui/SaveOutcome'

interface Loaded {
  readonly folder: string
  /** The folder read now: the one set, or the default when none is. */
  readonly dir: string
  readonly count: number
}

/**
 * Settings → Wildcards folder: where `__name__` is looked up (`name.txt`, nested folders as
 * `dir/name`). Empty = the default folder in the app's data folder. Saving makes the prompt
 * editor's completion and the dynamic-prompts preview read the new folder.
 */
export function WildcardsFolderSection() {
  const { t } = useTranslation()
  const client = useClient()
  const wildcardsChanged = useDynamicPrompts((state) => state.wildcardsChanged)
  const [form, setForm] = useState<Loaded | null>(null)
  const [message, setMessage] = useState<SaveOutcomeMessage | null>(null)
  useEffect(() => {
    client.call('wildcards.list', {}).then(
      (state) => setForm({ folder: state.folder ?? '', dir: state.dir, count: state.names.length }),
      () => undefined,
    )
  }, [client])
  if (!form) return null
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setMessage(null)
    client.call('wildcards.configure', { folder: form.folder.trim() || null }).then(
      (state) => {
        setForm({ folder: state.folder ?? '', dir: state.dir, count: state.names.length })
        wildcardsChanged()
        setMessage({ text: t('dynamic-prompts.folder.saved', { count: state.names.length }), failed: false })
      },
      () => setMessage({ text: t('dynamic-prompts.folder.bad'), failed: true }),
    )
  }
  return (
    <form className="settings-panel settings-form" aria-labelledby="wildcards-title" onSubmit={submit}>
      <h3 id="wildcards-title">{t('dynamic-prompts.folder.title')}</h3>
      <p className="settings-muted">{t('dynamic-prompts.folder.hint')}</p>
      <label>
        {t('dynamic-prompts.folder.folder')}
        <input
          value={form.folder}
          placeholder={t('dynamic-prompts.folder.placeholder')}
          onChange={(event) => setForm({ ...form, folder: event.target.value })}
        />
      </label>
      <p className="settings-muted">
        {t('dynamic-prompts.folder.inUse', { dir: form.dir, count: form.count })}
      </p>
      <button type="submit">{t('dynamic-prompts.folder.save')}</button>
      <SaveOutcome message={message} />
    </form>
  )
}
