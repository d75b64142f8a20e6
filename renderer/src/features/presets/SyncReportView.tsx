import { useTranslation } from 'react-i18next'
import type { PresetSyncReport } from '#contract'
import { selectSyncReport, usePresetsStore } from './presets-store'

const shownNames = 12

function NameList({ items }: { items: PresetSyncReport['added'] }) {
  const { t } = useTranslation()
  if (items.length === 0) return null
  return (
    <ul className="preset-sync-names">
      {items.slice(0, shownNames).map((item) => (
        <li key={`${item.kind}:${item.fileName}`}>
          {t('presets.sync.itemKind', { kind: t(`presets.kinds.${item.kind}`) })} <code>{item.fileName}</code>
        </li>
      ))}
      {items.length > shownNames && <li>{t('presets.sync.more', { count: items.length - shownNames })}</li>}
    </ul>
  )
}

/** What the last sync added, flagged as gone from the server, found again, or could not read. */
export function SyncReportView() {
  const { t } = useTranslation()
  const report = usePresetsStore(selectSyncReport)
  const close = usePresetsStore((state) => state.setSyncReport)
  if (!report) return null
  return (
    <section className="preset-sync" aria-label={t('presets.sync.title')}>
      <h3>{t('presets.sync.title')}</h3>
      <p>{t('presets.sync.added', { count: report.added.length })}</p>
      <NameList items={report.added} />
      <p>{t('presets.sync.flagged', { count: report.flaggedMissing.length })}</p>
      <NameList items={report.flaggedMissing} />
      {report.backOnServer.length > 0 && (
        <p>{t('presets.sync.back', { count: report.backOnServer.length })}</p>
      )}
      {report.failedKinds.map((failure) => (
        <p key={failure.kind} className="preset-error">
          {t('presets.sync.failed', {
            kind: t(`presets.kinds.${failure.kind}`),
            reason: t(`errors.${failure.code}`),
          })}
        </p>
      ))}
      <button type="button" onClick={() => close(null)}>
        {t('presets.actions.dismiss')}
      </button>
    </section>
  )
}
