import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorShape, KeysStatus } from '#contract'
import { useClient } from '../../app/client-context'
import { errorText } from './error-text'
import { toErrorShape, useSettingsStore } from './settings-store'

type Feedback = { kind: 'saved' | 'savedSession' | 'cleared' } | { kind: 'error'; error: ErrorShape } | null

const headerSafe = /^[\x21-\x7e]+$/

/** A key pair as typed: the id and the secret, whatever each service calls them. */
export interface KeyPairInput {
  readonly id: string
  readonly secret: string
}

export interface KeyEntryFormProps {
  /** The form's heading and accessible name, already translated. */
  readonly heading: string
  readonly status: KeysStatus
  /** The two inputs' labels, already translated. */
  readonly labels: { readonly id: string; readonly secret: string }
  /** Stores the pair; answers only its status. */
  save(keys: KeyPairInput, sessionOnly: boolean): Promise<KeysStatus>
  clear(): Promise<unknown>
}

function KeysStatusLine({ status }: { status: KeysStatus }) {
  const { t } = useTranslation()
  const platform = useSettingsStore((state) => state.keychain?.platform ?? 'other')
  if (status.problem) {
    const details = { reason: status.problem.reason, platform }
    return (
      <p className="settings-warning">{errorText(t, { code: status.problem.code, message: '', details })}</p>
    )
  }
  if (!status.set || status.store === null) return <p>{t('settings.keys.status.none')}</p>
  return (
    <p data-testid="keys-status">
      {t(`settings.keys.status.${status.store}`, { last4: status.keyIdLast4 ?? '' })}
    </p>
  )
}

/**
 * Write-only key entry (SECURITY.md #3), for the API keys and the storage keys alike: the inputs
 * start empty, are cleared once saved, and nothing is ever read back — only "set, where, and the
 * key id's last four characters".
 */
export function KeyEntryForm({ heading, status, labels, save, clear }: KeyEntryFormProps) {
  const { t } = useTranslation()
  const client = useClient()
  const reloadProfiles = useSettingsStore((state) => state.reloadProfiles)
  const checkKeychain = useSettingsStore((state) => state.checkKeychain)
  const [id, setId] = useState('')
  const [secret, setSecret] = useState('')
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

  const store = (forceSessionOnly: boolean) =>
    run(async () => {
      const stored = await save({ id: id.trim(), secret: secret.trim() }, sessionOnly || forceSessionOnly)
      setId('')
      setSecret('')
      return { kind: stored.store === 'session' ? 'savedSession' : 'saved' }
    })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!headerSafe.test(id.trim()) || !headerSafe.test(secret.trim())) {
      setFeedback({
        kind: 'error',
        error: { code: 'invalid_request', message: '', details: { reason: 'keys' } },
      })
      return
    }
    void store(false)
  }

  const remove = () =>
    run(async () => {
      await clear()
      return { kind: 'cleared' }
    })

  const locked = feedback?.kind === 'error' && feedback.error.code === 'keychain_locked'
  const invalidKeys = feedback?.kind === 'error' && feedback.error.details?.reason === 'keys'
  return (
    <form className="settings-panel settings-form" onSubmit={submit} aria-label={heading} autoComplete="off">
      <h3>{heading}</h3>
      <KeysStatusLine status={status} />
      <p className="settings-muted">{t('settings.keys.help')}</p>
      <label>
        {labels.id}
        <input
          value={id}
          onChange={(e) => setId(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
        />
      </label>
      <label>
        {labels.secret}
        <input
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
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
        {status.set && (
          <button type="button" onClick={() => void remove()} disabled={busy}>
            {t('settings.keys.clear')}
          </button>
        )}
      </div>
      {feedback && feedback.kind !== 'error' && <p role="status">{t(`settings.keys.${feedback.kind}`)}</p>}
      {feedback?.kind === 'error' && (
        <p role="alert">{invalidKeys ? t('settings.errors.keys') : errorText(t, feedback.error)}</p>
      )}
      {locked && (
        <button type="button" onClick={() => void store(true)} disabled={busy}>
          {t('settings.keys.useSessionOnly')}
        </button>
      )}
    </form>
  )
}
