import { useState } from 'react'
import type { HistoryExportFormat, TaskRecord } from '#contract'
import { useClient } from '../../app/client-context'
import { deleteConfirmed, exportTasks, importFile, type ActionContext } from './bulk-actions'
import { selectedCount, toErrorShape, useHistoryStore } from './history-store'
import type { HistoryPages } from './use-history-pages'

export interface HistoryActionsApi {
  askDeleteSelection(): void
  askDeleteOne(record: TaskRecord): void
  confirmDelete(): Promise<void>
  exportTasks(scope: 'selected' | 'all', format: HistoryExportFormat): void
  importFile(file: File): void
  lookup(taskId: string, profileId: string | undefined): void
  readonly lookupState: { readonly busy: boolean; readonly errorKey: string | null }
  resetLookup(): void
  copyParameters(record: TaskRecord, imageIndex?: number): void
  copyTaskId(record: TaskRecord): void
}

const idle = { busy: false, errorKey: null } as const

/** Marks the screen busy (buttons disabled) while `work` runs. */
async function whileBusy(work: () => Promise<void>) {
  useHistoryStore.getState().setBusy(true)
  try {
    await work()
  } finally {
    useHistoryStore.getState().setBusy(false)
  }
}

/** What the screen's buttons, keys and dialogs do; results and failures become notices. */
export function useHistoryActions(pages: HistoryPages): HistoryActionsApi {
  const client = useClient()
  const store = useHistoryStore
  const [lookupState, setLookupState] = useState<HistoryActionsApi['lookupState']>(idle)
  const notify = store.getState().setNotice
  const fail = (key: string, error: unknown) => notify({ tone: 'error', key, error: toErrorShape(error) })
  const ctx: ActionContext = { client, pages, notify, fail }
  const copyText = (text: string, key: string) =>
    navigator.clipboard.writeText(text).then(
      () => notify({ tone: 'info', key }),
      (error: unknown) => fail('history.notices.copyFailed', error),
    )

  const lookup = (taskId: string, profileId: string | undefined) => {
    setLookupState({ busy: true, errorKey: null })
    client.call('history.lookupArchived', { taskId, ...(profileId ? { profileId } : {}) }).then(
      (record) => {
        setLookupState(idle)
        store.getState().setDialog(null)
        store.getState().openDetail(record.id)
        notify({ tone: 'info', key: 'history.lookup.done' })
        pages.refresh()
      },
      (error: unknown) => {
        const code = toErrorShape(error).code
        setLookupState({
          busy: false,
          errorKey: code === 'not_found' ? 'history.lookup.notFound' : `errors.${code}`,
        })
      },
    )
  }

  return {
    askDeleteSelection() {
      const { selection, focus, setDialog } = store.getState()
      const count = selectedCount(selection, pages.total ?? 0)
      const focused = pages.recordAt(focus)
      if (count > 0) setDialog({ kind: 'delete', count })
      else if (focused) setDialog({ kind: 'delete', count: 1, ids: [focused.id] })
    },
    askDeleteOne: (record) => store.getState().setDialog({ kind: 'delete', count: 1, ids: [record.id] }),
    confirmDelete: () => whileBusy(() => deleteConfirmed(ctx)),
    exportTasks: (scope, format) => void whileBusy(() => exportTasks(ctx, scope, format)),
    importFile: (file) => void whileBusy(() => importFile(ctx, file)),
    lookup,
    lookupState,
    resetLookup: () => setLookupState(idle),
    copyParameters: (record, imageIndex) =>
      void client
        .call('history.infotext', { id: record.id, ...(imageIndex === undefined ? {} : { imageIndex }) })
        .then(({ text }) => copyText(text, 'history.notices.parametersCopied'))
        .catch((error: unknown) => fail('history.notices.copyFailed', error)),
    copyTaskId: (record) => void copyText(record.id, 'history.notices.taskIdCopied'),
  }
}
