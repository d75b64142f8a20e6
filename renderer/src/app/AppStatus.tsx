import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppInfo } from '#contract'
import { useClient } from './client-context'
import { selectConnection, useUiStore } from './ui-store'

/**
 * The status line: connection, edition, version, data folder. A component of its own so the
 * connection opening and the app info arriving re-render this line only, not the screen above it
 * (each was a full workbench render on the way to a usable first screen, issue 13 §10).
 */
export function AppStatus() {
  const { t } = useTranslation()
  const client = useClient()
  const connection = useUiStore(selectConnection)
  const [info, setInfo] = useState<AppInfo | null>(null)

  useEffect(() => {
    client.call('app.info', {}).then(setInfo, () => setInfo(null))
  }, [client])

  return (
    <footer className="app-status">
      <span data-testid="connection-status" data-status={connection}>
        {t(`app.status.${connection}`)}
      </span>
      {info && (
        <>
          <span data-testid="edition">{t(`app.edition.${info.edition}`)}</span>
          <span>{t('app.version', { version: info.version })}</span>
          <span title={info.dataDir}>{t('app.dataDir', { dir: info.dataDir })}</span>
        </>
      )}
    </footer>
  )
}
