import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../../app/client-context'
import { useFullImage } from './use-full-image'
import { useSaveActions } from './use-save-actions'
import { useViewerKeys } from './use-viewer-keys'
import { useZoomPan } from './use-zoom-pan'
import { selectCurrent, useViewerStore } from './viewer-store'
import { ViewerSide } from './ViewerSide'

/** How many tasks of the history the viewer walks through with the arrow keys. */
const sequenceLimit = 200

/** Loads the history around the opened task, so the arrows go on past its batch. */
function useHistorySequence(openedId: string | null) {
  const client = useClient()
  const setSequence = useViewerStore((state) => state.setSequence)
  useEffect(() => {
    if (openedId === null) return
    let current = true
    client.call('history.list', { status: ['succeeded'], limit: sequenceLimit }).then(
      (page) => current && setSequence(page.items),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, openedId, setSequence])
}

/**
 * The full-size viewer over the whole window: zoom (wheel, +/-, 0 fit, 1 for 1:1), pan (drag),
 * ←/→ through the batch and on through the history, ↑/↓ (PgUp/PgDn) a task at a time, Esc closes;
 * seed, parameters, lineage and the save actions beside it.
 */
export function ImageViewer() {
  const { t } = useTranslation()
  const client = useClient()
  const records = useViewerStore((state) => state.records)
  const position = useViewerStore((state) => state.position)
  const mark = useViewerStore((state) => state.compareMark)
  const store = useViewerStore.getState
  const current = selectCurrent({ records, position })
  const openedId = records.length === 1 ? (records[0]?.id ?? null) : null
  useHistorySequence(openedId)
  const cacheKey = current?.record.images[current.imageIndex]?.cacheKey ?? null
  const src = useFullImage(client, cacheKey)
  const stageRef = useRef<HTMLDivElement>(null)
  const zoom = useZoomPan(cacheKey, stageRef)
  const save = useSaveActions()
  const root = useRef<HTMLDivElement>(null)
  const opener = useRef<Element | null>(null)
  useEffect(() => {
    opener.current = document.activeElement
    root.current?.focus()
    // Focus goes back where it was, as after any dialog.
    return () => (opener.current as HTMLElement | null)?.focus?.()
  }, [])
  useViewerKeys(current, zoom, save)
  if (!current || !position) return null
  const { record, imageIndex } = current
  const marked = mark !== null && !(mark.record.id === record.id && mark.imageIndex === imageIndex)
  const taskCount = records.length
  const alt = t('viewer.imageAlt', { index: imageIndex + 1, seed: record.images[imageIndex]?.seed ?? '?' })
  return (
    <div
      ref={root}
      className="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t('viewer.title')}
      tabIndex={-1}
    >
      <div className="viewer-main">
        <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
          <button type="button" onClick={() => store().step(-1)} title="←" aria-label={t('viewer.prev')}>
            ‹
          </button>
          <span data-testid="viewer-counter">
            {t('viewer.counter', {
              image: imageIndex + 1,
              images: record.images.length,
              task: position.taskIndex + 1,
              tasks: taskCount,
            })}
          </span>
          <button type="button" onClick={() => store().step(1)} title="→" aria-label={t('viewer.next')}>
            ›
          </button>
          <span className="viewer-spacer" />
          <button type="button" onClick={zoom.zoomOut} title="-" aria-label={t('viewer.zoomOut')}>
            −
          </button>
          <output aria-label={t('viewer.zoom')}>{`${Math.round(zoom.view.scale * 100)}%`}</output>
          <button type="button" onClick={zoom.zoomIn} title="+" aria-label={t('viewer.zoomIn')}>
            +
          </button>
          <button type="button" onClick={zoom.fit} title="0" aria-pressed={zoom.view.mode === 'fit'}>
            {t('viewer.fit')}
          </button>
          <button type="button" onClick={zoom.actualSize} title="1">
            1:1
          </button>
          <button type="button" onClick={() => store().close()} title="Esc">
            {t('viewer.close')}
          </button>
        </div>
        <div className="viewer-stage" ref={stageRef} {...zoom.handlers}>
          {typeof src === 'string' && src !== 'failed' ? (
            <img
              src={src}
              alt={alt}
              draggable={false}
              data-scaled={zoom.view.scale > 1 || undefined}
              onLoad={(event) =>
                zoom.onImageLoad(event.currentTarget.naturalWidth, event.currentTarget.naturalHeight)
              }
              style={{ transform: `translate(${zoom.view.x}px, ${zoom.view.y}px) scale(${zoom.view.scale})` }}
            />
          ) : (
            <p className="viewer-placeholder">
              {t(src === 'failed' ? 'viewer.notCached' : 'viewer.loading')}
            </p>
          )}
        </div>
      </div>
      <ViewerSide
        record={record}
        index={imageIndex}
        save={save}
        marked={marked}
        onCompare={() => store().markForCompare()}
      />
    </div>
  )
}
