import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { plotAxesFor, plotAxisNames, type PlotAxisName, type PlotAxisType } from '#contract'
import { StorageNeededNotice, UploadConfirmDialog } from '../sources'
import { useWorkbenchStore } from '../workbench/workbench-store'
import { PlotResult } from './PlotResult'
import { previewPlot, type PlotPreview } from './plot-preview'
import { usePlotStore } from './plot-store'
import { usePlotStart } from './use-plot-start'
import './plot.css'

function AxisRow({ axis, count }: { readonly axis: PlotAxisName; readonly count: number | undefined }) {
  const { t } = useTranslation()
  const draft = usePlotStore((state) => state.axes[axis])
  const setAxis = usePlotStore((state) => state.setAxis)
  const mode = useWorkbenchStore((state) => state.mode)
  const name = axis.toUpperCase()
  // The mode's axes, and the one chosen even when another mode's (the preview then says why).
  const types = plotAxesFor(mode)
  const offered = draft.type === null || types.includes(draft.type) ? types : [...types, draft.type]
  return (
    <div className="plot-axis">
      <label>
        <span>{t('plot.type', { axis: name })}</span>
        <select
          value={draft.type ?? ''}
          onChange={(event) => setAxis(axis, { type: (event.target.value || null) as PlotAxisType | null })}
        >
          {axis !== 'x' && <option value="">{t('plot.none')}</option>}
          {offered.map((type) => (
            <option key={type} value={type}>
              {t(`plot.types.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="plot-values">
        <span>{t('plot.values', { axis: name })}</span>
        <input
          type="text"
          value={draft.values}
          disabled={draft.type === null}
          placeholder={t('plot.valuesHint')}
          onChange={(event) => setAxis(axis, { values: event.target.value })}
        />
      </label>
      <span className="plot-count" aria-live="polite">
        {count === undefined ? '' : t('plot.count', { count })}
      </span>
    </div>
  )
}

function PreviewLine({ preview }: { readonly preview: PlotPreview }) {
  const { t } = useTranslation()
  if (preview.state === 'ready')
    return (
      <p className="plot-plan">{t('plot.plan', { tasks: preview.taskCount, images: preview.imageCount })}</p>
    )
  if (preview.state === 'invalid_form') return <p className="wb-hint">{t('plot.formInvalid')}</p>
  if (preview.state !== 'error') return null
  const { axis, value, reason } = preview.error
  return (
    <p role="alert" className="plot-error">
      {t(`plot.reasons.${reason}`, { axis: axis === 'base' ? '' : axis.toUpperCase(), value })}
    </p>
  )
}

/**
 * The X/Y/Z plot, under the form: up to three axes in A1111's syntax with live feedback (each
 * axis's count, the tasks and images, or the first bad value), Start with a confirmation above
 * the threshold, then the cells' progress and the grid.
 */
export function PlotPanel() {
  const { t } = useTranslation()
  const workbench = useWorkbenchStore()
  const axes = usePlotStore((state) => state.axes)
  const { confirmAbove, setConfirmAbove, current, setCurrent } = usePlotStore()
  const [open, setOpen] = useState(false)
  // Planning checks every cell against the schema: only while the panel is open, not per keystroke
  // of a user who never plots.
  const preview = useMemo<PlotPreview>(
    () => (open ? previewPlot(workbench, axes) : { state: 'no_values' }),
    [open, workbench, axes],
  )
  const [confirming, setConfirming] = useState(false)
  const plotStart = usePlotStart()
  const { state: startState } = plotStart
  const starting = startState.status === 'submitting'
  const startedRecord = startState.status === 'started' ? startState.record : null
  useEffect(() => {
    if (startedRecord) setCurrent(startedRecord)
  }, [startedRecord, setCurrent])

  const start = async () => {
    if (preview.state !== 'ready') return
    setConfirming(false)
    await plotStart.start(preview.axes)
  }
  const onStart = () => {
    if (preview.state !== 'ready') return
    if (preview.taskCount > confirmAbove) setConfirming(true)
    else void start()
  }
  const counts = preview.state === 'ready' ? preview.counts : {}
  return (
    <details className="plot-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('plot.title')}</summary>
      <p className="wb-hint">{t('plot.summary')}</p>
      {plotAxisNames.map((axis) => (
        <AxisRow key={axis} axis={axis} count={counts[axis]} />
      ))}
      <PreviewLine preview={preview} />
      <div className="plot-actions">
        <button type="button" disabled={preview.state !== 'ready' || starting} onClick={onStart}>
          {starting ? t('plot.starting') : t('plot.start')}
        </button>
        <label>
          <span>{t('plot.confirmAbove')}</span>
          <input
            type="number"
            min={0}
            value={confirmAbove}
            onChange={(event) => setConfirmAbove(Math.max(0, Math.trunc(Number(event.target.value) || 0)))}
          />
        </label>
      </div>
      {confirming && preview.state === 'ready' && (
        <div role="alertdialog" aria-label={t('plot.title')} className="plot-confirm">
          <p>
            {t('plot.confirm', { tasks: preview.taskCount, images: preview.imageCount, above: confirmAbove })}
          </p>
          <button type="button" onClick={() => void start()}>
            {t('plot.confirmYes', { tasks: preview.taskCount })}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('plot.cancel')}
          </button>
        </div>
      )}
      {startState.status === 'startFailed' && (
        <p role="alert" className="plot-error">
          {t('plot.startFailed', { reason: startState.reason })}
        </p>
      )}
      {startState.status === 'needsStorage' && (
        <StorageNeededNotice profile={startState.profile} onClose={plotStart.dismiss} />
      )}
      {startState.status === 'confirmUpload' && (
        <UploadConfirmDialog
          profile={startState.profile}
          storage={startState.storage}
          purpose="generate"
          keepUploads={startState.keepUploads}
          onConfirm={plotStart.confirmUpload}
          onCancel={plotStart.dismiss}
        />
      )}
      {current && <PlotResult record={current} onChange={setCurrent} />}
    </details>
  )
}
