import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { QueueItem } from '#contract'
import { useClient } from '../../app/client-context'
import { useQueueStore } from './queue-store'
import { QueueList } from './QueueList'
import './queue.css'

/**
 * The queue drawer: the active profile's queued batches and plot cells in sending order, with
 * pause/resume, reorder and remove. `refresh` reads the queue again after the panel's own changes
 * (main's `queue.changed` would too, a moment later).
 */
export function QueuePanel({ refresh }: { readonly refresh: () => void }) {
  const { t } = useTranslation()
  const client = useClient()
  // Only what the panel shows: the whole store changes with every scroll and every list read.
  const { waiting, running, limit, paused, selected } = useQueueStore(
    useShallow(({ waiting, running, limit, paused, selected }) => ({
      waiting,
      running,
      limit,
      paused,
      selected,
    })),
  )
  const setOpen = useQueueStore((state) => state.setOpen)
  const [failure, setFailure] = useState<string | null>(null)
  const act = useCallback(
    (work: Promise<unknown>) =>
      void work.then(
        () => {
          setFailure(null)
          refresh()
        },
        (error: unknown) => {
          setFailure(error instanceof Error ? error.message : String(error))
          refresh()
        },
      ),
    [refresh],
  )
  // Stable, so the (memoised) list does not render again when only the counts above it change.
  const move = useCallback(
    (item: QueueItem, toIndex: number) => act(client.call('queue.move', { id: item.id, toIndex })),
    [act, client],
  )
  const remove = useCallback(
    (ids: readonly string[]) => act(client.call('queue.remove', { ids: [...ids] })),
    [act, client],
  )
  return (
    <aside
      className="queue-drawer"
      aria-labelledby="queue-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false)
      }}
    >
      <header className="queue-head">
        <h3 id="queue-title">{t('queue.title')}</h3>
        <button type="button" onClick={() => setOpen(false)}>
          {t('queue.close')}
        </button>
      </header>
      <p role="status" className="queue-counts">
        {t(paused ? 'queue.countsPaused' : 'queue.counts', { waiting, running, limit })}
      </p>
      <div className="queue-actions">
        <button type="button" onClick={() => act(client.call(paused ? 'queue.resume' : 'queue.pause', {}))}>
          {paused ? t('queue.resume') : t('queue.pause')}
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => remove([...selected])}>
          {t('queue.removeSelected', { count: selected.size })}
        </button>
      </div>
      <p className="wb-hint">{t('queue.keys')}</p>
      {failure && (
        <p role="alert" className="plot-error">
          {failure}
        </p>
      )}
      <QueueList onMove={move} onRemove={remove} />
    </aside>
  )
}
