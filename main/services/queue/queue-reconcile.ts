import type { TaskRecord } from '#contract'
import type { QueueEntries, QueueEntry } from './queue-entries'

/**
 * Start-up: an item a crash left `sending` or waiting, matched with its task's record. No record:
 * the task was never recorded, so never sent: queued again. Recorded and still `submitting`: the
 * tasks service's own start-up query settles it, so it stays `sending` (nothing is sent twice).
 * Ended otherwise: `settle` decides, as for a live answer (a failed item already waiting stays).
 */
export function reconcile(
  entry: QueueEntry,
  record: TaskRecord | null,
  entries: Pick<QueueEntries, 'mark'>,
  settle: (entry: QueueEntry, record: TaskRecord) => void,
): void {
  if (!record) {
    if (entry.state === 'sending') entries.mark(entry, 'queued')
  } else if (record.status === 'submitting') {
    if (entry.state !== 'sending') entries.mark(entry, 'sending')
  } else if (record.status !== 'failed' || entry.state === 'sending') settle(entry, record)
}
