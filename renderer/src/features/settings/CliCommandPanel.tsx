import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CliCommandResult, ErrorShape } from '#contract'
import { useClient } from '../../app/client-context'
import { errorText } from './error-text'
import { toErrorShape } from './settings-store'

type Outcome = { kind: 'result'; result: CliCommandResult } | { kind: 'error'; error: ErrorShape }

const folderOf = (path: string) => path.replace(/[\\/][^\\/]*$/, '')

/** The message for what the install did; `ok` when the command is ready to use. */
function outcomeText(
  t: ReturnType<typeof useTranslation>['t'],
  outcome: Outcome,
): { text: string; ok: boolean } {
  if (outcome.kind === 'error')
    return { text: t('settings.cliCommand.failed', { message: errorText(t, outcome.error) }), ok: false }
  const { result } = outcome
  switch (result.outcome) {
    case 'linked':
      return result.onPath
        ? { text: t('settings.cliCommand.linked', { path: result.linkPath }), ok: true }
        : {
            text: t('settings.cliCommand.linkedOffPath', {
              path: result.linkPath,
              dir: folderOf(result.linkPath),
            }),
            ok: false,
          }
    case 'byInstaller':
      return { text: t('settings.cliCommand.byInstaller'), ok: true }
    case 'unavailable':
      return { text: t(`settings.cliCommand.unavailable.${result.reason}`), ok: false }
    case 'blocked':
      return {
        text: t('settings.cliCommand.blocked', { tried: result.tried.join(', '), command: result.command }),
        ok: false,
      }
  }
}

/** "Install `img-open` command in PATH": the app's CLI for terminals and scripts. */
export function CliCommandPanel() {
  const { t } = useTranslation()
  const client = useClient()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const install = async () => {
    setBusy(true)
    try {
      setOutcome({ kind: 'result', result: await client.call('cli.installCommand', {}) })
    } catch (error) {
      setOutcome({ kind: 'error', error: toErrorShape(error) })
    } finally {
      setBusy(false)
    }
  }

  const message = outcome && outcomeText(t, outcome)
  return (
    <section className="settings-panel" aria-labelledby="cli-command-heading">
      <h3 id="cli-command-heading">{t('settings.cliCommand.heading')}</h3>
      <p>{t('settings.cliCommand.intro')}</p>
      <button type="button" disabled={busy} onClick={() => void install()}>
        {t('settings.cliCommand.install')}
      </button>
      {message && (
        <p
          role="status"
          className={message.ok ? 'settings-ok' : 'settings-fix'}
          data-testid="cli-command-result"
        >
          {message.text}
        </p>
      )}
    </section>
  )
}
