import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorShape, Profile } from '../../../../main/contract'
import { useClient } from '../../app/client-context'
import { errorText } from './error-text'
import { toErrorShape, useSettingsStore } from './settings-store'

type Feedback = { kind: 'saved' | 'savedSession' | 'cleared' } | { kind: 'error'; error: ErrorShape } | null

const headerSafe = /^[\x21-\x7e]+$/

function KeysStatusLine({ profile }: { profile: Profile }) {
  const { t } = useTranslation()
  const platform = useSettingsStore((state) => state.keychain?.platform ?? 'other')
  const { keys } = profile
  if (keys.problem) {
    const details = { reason: keys.problem.reason, platform }
    return (
      <p className="settings-warning">{errorText(t, { code: keys.problem.code, message: '', details })}</p>
    )
  }
  if (!keys.set || keys.store === null) return <p>{t('settings.keys.status.none')}</p>
  return (
    <p data-testid="keys-status">
      {t(`settings.keys.status.${keys.store}`, { last4: keys.keyIdLast4 ?? '' })}
    </p>
  )
}

/**
 * Write-only key entry (SECURITY.md #3): the inputs start empty, are cleared once saved, and nothing
 * is ever read back — only "set, where, and the key id's last four characters".
 */
export function KeysForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation()
  const client = useClient()
  const reloadProfiles = useSettingsStore((state) => state.reloadProfiles)
  const checkKeychain = useSettingsStore((state) => state.checkKeychain)
  const [accessKeyId, setAccessKeyId] = useState('')
  const [accessKeySecret, setAccessKeySecret] = useState('')
  const [sessionOnly, setSessionOnly] = useState(false)
  const [feedback, setFeedback] = useState<Feedback>(null)
  const [busy, setBusy] = useState(false)

  const run = async (action: () => Promise<Feedback>) => {
    setBusy(true)
    try {
      setFeedback(await action())
      await reloadProfiles(client)
      // Saving is when the keychain may turn out to be missing or locked; show its state now.
      await checkKeychain(client, false)
    } catch (error) {
      setFeedback({ kind: 'error', error: toErrorShape(error) })
    } finally {
      setBusy(false)
    }
  }

  const save = (forceSessionOnly: boolean) =>
    run(async () => {
      const status = await client.call('credentials.set', {
        profileId: profile.id,
        accessKeyId: accessKeyId.trim(),
        accessKeySecret: accessKeySecret.trim(),
        sessionOnly: sessionOnly || forceSessionOnly,
      })
      setAccessKeyId('')
      setAccessKeySecret('')
      return { kind: status.store === 'session' ? 'savedSession' : 'saved' }
    })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!headerSafe.test(accessKeyId.trim()) || !headerSafe.test(accessKeySecret.trim())) {
      setFeedback({
        kind: 'error',
        error: { code: 'invalid_request', message: '', details: { reason: 'keys' } },
      })
      return
    }
    void save(false)
  }

  const clear = () =>
    run(async () => {
      await client.call('credentials.clear', { profileId: profile.id })
      return { kind: 'cleared' }
    })

  const locked = feedback?.kind === 'error' && feedback.error.code === 'keychain_locked'
  const invalidKeys = feedback?.kind === 'error' && feedback.error.details?.reason === 'keys'
  return (
    <form
      className="settings-panel settings-form"
      onSubmit={submit}
      aria-label={t('settings.keys.heading')}
      autoComplete="off"
    >
      <h3>{t('settings.keys.heading')}</h3>
      <KeysStatusLine profile={profile} />
      <p className="settings-muted">{t('settings.keys.help')}</p>
      <label>
        {t('settings.keys.accessKeyId')}
        <input
          value={accessKeyId}
          onChange={(e) => setAccessKeyId(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
        />
      </label>
      <label>
        {t('settings.keys.accessKeySecret')}
        <input
          type="password"
          value={accessKeySecret}
          onChange={(e) => setAccessKeySecret(e.target.value)}
          autoComplete="new-password"
          spellCheck={false}
          maxLength={1024}
        />
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={sessionOnly} onChange={(e) => setSessionOnly(e.target.checked)} />
        {t('settings.keys.sessionOnly')}
      </label>
      <div className="settings-row">
        <button type="submit" disabled={busy}>
          {t('settings.keys.save')}
        </button>
        {profile.keys.set && (
          <button type="button" onClick={() => void clear()} disabled={busy}>
            {t('settings.keys.clear')}
          </button>
        )}
      </div>
      {feedback && feedback.kind !== 'error' && <p role="status">{t(`settings.keys.${feedback.kind}`)}</p>}
      {feedback?.kind === 'error' && (
        <p role="alert">{invalidKeys ? t('settings.errors.keys') : errorText(t, feedback.error)}</p>
      )}
      {locked && (
        <button type="button" onClick={() => void save(true)} disabled={busy}>
          {t('settings.keys.useSessionOnly')}
        </button>
      )}
    </form>
  )
}
