import { lazy, memo, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { useQueueStore } from './queue-store'
import { useQueueSync } from './use-queue-sync'
// With the button, not the drawer's lazy chunk: unstyled until the drawer was first opened.
import './queue-button.css'

// The drawer (with its virtual list) loads when first opened, not with the workbench (issue 13 §10).
const QueuePanel = lazy(() => import('./QueuePanel').then((module) => ({ default: module.QueuePanel })))

/**
 * The workbench's way to the queue: a button with the live count of waiting items, which opens
 * the queue drawer. It keeps the count in step with main while the drawer is closed too. Memoised:
 * the task cards around it render again with every task change, which tells it nothing.
 */
function QueueButtonView() {
  const { t } = useTranslation()
  const refresh = useQueueSync()
  const open = useQueueStore((state) => state.open)
  const waiting = useQueueStore((state) => state.waiting)
  const paused = useQueueStore((state) => state.paused)
  const setOpen = useQueueStore((state) => state.setOpen)
  return (
    <>
      <button
        type="button"
        className="queue-button"
        aria-expanded={open}
        aria-label={t(paused ? 'queue.buttonPaused' : 'queue.button', { count: waiting })}
        onClick={() => setOpen(!open)}
      >
        {t('queue.title')}
        <span className="queue-badge" data-paused={paused || undefined} aria-hidden="true">
          {waiting}
        </span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <QueuePanel refresh={refresh} />
        </Suspense>
      )}
    </>
  )
}

export const QueueButton = memo(QueueButtonView)
