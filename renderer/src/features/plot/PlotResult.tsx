import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { plotCellPlace, plotLanguageOf, type PlotRecord } from '#contract'
import { useClient } from '../../app/client-context'

const pollMs = 1000

/** Follows a running plot (main composes the grid when its cells end) and shows the grid. */
function useFollowPlot(record: PlotRecord, onChange: (record: PlotRecord) => void) {
  const client = useClient()
  useEffect(() => {
    if (record.status !== 'running') return
    const timer = setInterval(() => {
      client.call('plot.get', { plotId: record.id }).then(onChange, () => undefined)
    }, pollMs)
    return () => clearInterval(timer)
  }, [client, record.id, record.status, onChange])
}

function useGridImage(cacheKey: string | null) {
  const client = useClient()
  const [dataUrl, setDataUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!cacheKey) return
    let live = true
    client.call('images.get', { cacheKey, size: 'full' }).then(
      (image) => live && setDataUrl(image.dataUrl),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [client, cacheKey])
  return cacheKey ? dataUrl : null
}

export function PlotResult({
  record,
  onChange,
}: {
  readonly record: PlotRecord
  readonly onChange: (record: PlotRecord) => void
}) {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const [large, setLarge] = useState(false)
  useFollowPlot(record, onChange)
  const grid = useGridImage(record.gridCacheKey)
  const done = record.cells.filter((cell) => cell.status === 'succeeded' || cell.status === 'failed').length
  const retry = (cell: PlotRecord['cells'][number]) =>
    client
      .call('plot.retryCell', { plotId: record.id, x: cell.x, y: cell.y, z: cell.z })
      .then(onChange, () => undefined)
  return (
    <section className="plot-result" aria-label={t('plot.title')}>
      <p role="status">{t('plot.progress', { done, total: record.cells.length })}</p>
      <ul className="plot-cells">
        {record.cells.map((cell) => {
          const label = plotCellPlace(record, cell, plotLanguageOf(i18n.language))
          return (
            <li key={`${cell.x}-${cell.y}-${cell.z}`} data-status={cell.status}>
              <span>{label}</span> <span>{t(`plot.cellStatus.${cell.status}`)}</span>
              {cell.status === 'failed' && (
                <>
                  {cell.error && <span className="plot-error"> {cell.error.message}</span>}{' '}
                  <button type="button" onClick={() => void retry(cell)}>
                    {t('plot.retry', { label })}
                  </button>
                </>
              )}
            </li>
          )
        })}
      </ul>
      {record.gridError && (
        <p className="plot-error">{t('plot.noGrid', { reason: record.gridError.message })}</p>
      )}
      {grid && (
        <button
          type="button"
          className="plot-grid-button"
          aria-label={t('plot.openLarge')}
          onClick={() => setLarge(true)}
        >
          <img src={grid} alt={t('plot.gridAlt')} className="plot-grid" />
        </button>
      )}
      {grid && large && (
        <div role="dialog" aria-modal="true" aria-label={t('plot.gridAlt')} className="plot-large">
          <button type="button" onClick={() => setLarge(false)}>
            {t('plot.close')}
          </button>
          <img src={grid} alt={t('plot.gridAlt')} />
        </div>
      )}
    </section>
  )
}
