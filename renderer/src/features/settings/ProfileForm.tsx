import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { checkBaseUrl, defaultBaseUrl, sendsKeysInClear, type ErrorShape, type Profile } from '#contract'
import { useClient } from '../../app/client-context'
import { errorText } from './error-text'
import { profileName } from './profile-text'
import { toErrorShape, useSettingsStore } from './settings-store'

type Feedback = { kind: 'saved' } | { kind: 'error'; text: string } | null

/** Name, address and default checkpoint/VAE of one profile, or of a new one when `profile` is null. */
export function ProfileForm({ profile }: { profile: Profile | null }) {
  const { t } = useTranslation()
  const client = useClient()
  const reloadProfiles = useSettingsStore((state) => state.reloadProfiles)
  const select = useSettingsStore((state) => state.select)
  const isDemo = profile?.kind === 'demo'
  const [name, setName] = useState(profile ? profileName(t, profile) : '')
  const [baseUrl, setBaseUrl] = useState(profile?.baseUrl ?? defaultBaseUrl)
  const [allowInsecure, setAllowInsecure] = useState(profile?.allowInsecureHttp ?? false)
  // The consent is about this address: asked only while it is plain http to another machine.
  const inClear = !isDemo && sendsKeysInClear(baseUrl.trim())
  const [checkpoint, setCheckpoint] = useState(profile?.defaultCheckpoint ?? '')
  const [vae, setVae] = useState(profile?.defaultVae ?? '')
  const [feedback, setFeedback] = useState<Feedback>(null)
  const [busy, setBusy] = useState(false)

  const localProblem = (): string | null => {
    if (isDemo) return null
    if (name.trim() === '') return t('settings.errors.name')
    if (checkBaseUrl(baseUrl.trim()) !== 'ok') return t('settings.errors.baseUrl')
    if (inClear && !allowInsecure) return t('settings.errors.insecureHttp')
    return null
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const problem = localProblem()
    if (problem) return setFeedback({ kind: 'error', text: problem })
    setBusy(true)
    try {
      const fields = { defaultCheckpoint: checkpoint, defaultVae: vae }
      const address = { name, baseUrl, allowInsecureHttp: inClear && allowInsecure }
      if (profile === null) {
        const created = await client.call('profiles.create', { ...address, ...fields })
        await reloadProfiles(client)
        select(created.id)
      } else {
        const own = isDemo ? {} : address
        await client.call('profiles.update', { id: profile.id, ...own, ...fields })
        await reloadProfiles(client)
        setFeedback({ kind: 'saved' })
      }
    } catch (error) {
      const shape: ErrorShape = toErrorShape(error)
      setFeedback({ kind: 'error', text: errorText(t, shape) })
    } finally {
      setBusy(false)
    }
  }

  const heading = profile
    ? t('settings.form.editHeading', { name: profileName(t, profile) })
    : t('settings.form.newHeading')
  return (
    <form
      className="settings-panel settings-form"
      onSubmit={(event) => void save(event)}
      aria-label={heading}
      noValidate
    >
      <h3>{heading}</h3>
      {isDemo && <p className="settings-muted">{t('settings.profiles.demoDescription')}</p>}
      <label>
        {t('settings.form.name')}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={isDemo}
          maxLength={80}
          required
        />
      </label>
      <label>
        {t('settings.form.baseUrl')}
        <input
          type="url"
          value={isDemo ? t('settings.form.demoBaseUrl') : baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          disabled={isDemo}
          maxLength={2048}
          aria-describedby="base-url-help"
          spellCheck={false}
        />
      </label>
      {!isDemo && (
        <small id="base-url-help" className="settings-muted">
          {t('settings.form.baseUrlHelp')}
        </small>
      )}
      {inClear && (
        <>
          <label className="settings-check">
            <input
              type="checkbox"
              checked={allowInsecure}
              onChange={(e) => setAllowInsecure(e.target.checked)}
              aria-describedby="insecure-http-help"
            />
            {t('settings.form.allowInsecureHttp')}
          </label>
          <small id="insecure-http-help" className="settings-warning">
            {t('settings.form.allowInsecureHttpHelp')}
          </small>
        </>
      )}
      <label>
        {t('settings.form.defaultCheckpoint')}
        <input
          value={checkpoint}
          onChange={(e) => setCheckpoint(e.target.value)}
          maxLength={300}
          spellCheck={false}
        />
      </label>
      <label>
        {t('settings.form.defaultVae')}
        <input value={vae} onChange={(e) => setVae(e.target.value)} maxLength={300} spellCheck={false} />
      </label>
      <small className="settings-muted">{t('settings.form.optional')}</small>
      <div className="settings-row">
        <button type="submit" disabled={busy}>
          {profile ? t('settings.form.save') : t('settings.form.create')}
        </button>
        {profile === null && (
          <button type="button" onClick={() => select(null)}>
            {t('settings.form.cancel')}
          </button>
        )}
      </div>
      {feedback?.kind === 'saved' && <p role="status">{t('settings.form.saved')}</p>}
      {feedback?.kind === 'error' && <p role="alert">{feedback.text}</p>}
    </form>
  )
}
