import { historyLimits, type HistoryExportFormat } from '#contract'
import { BridgeError, type Client } from '../../bridge'
import { offerDownload, readTextFile } from '../../shared/file-io'
import { noSelection, useHistoryStore, type Notice } from './history-store'
import type { HistoryPages } from './use-history-pages'

const mimeTypes: Record<HistoryExportFormat, string> = { jsonl: 'application/x-ndjson', csv: 'text/csv' }
const maxMiB = historyLimits.transferMaxBytes / (1024 * 1024)
const shownImportProblems = 5

/** What the bulk actions need from the screen. */
export interface ActionContext {
  readonly client: Client
  readonly pages: HistoryPages
  notify(notice: Notice): void
  fail(key: string, error: unknown): void
}

const chunks = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  )

/** The selected ids, at most `limit` of them; "all" is resolved page by page, minus the exceptions. */
export async function selectedIds(pages: HistoryPages, limit: number): Promise<string[]> {
  const { selection } = useHistoryStore.getState()
  if (!selection.all) return [...selection.ids]
  const ids = await pages.allIds(limit + selection.ids.size)
  return ids.filter((id) => !selection.ids.has(id))
}

/** Runs the delete the dialog confirmed, in calls of at most `idsPerCall` ids. */
export async function deleteConfirmed(ctx: ActionContext): Promise<void> {
  const { dialog, setDialog, setSelection, detailId, openDetail } = useHistoryStore.getState()
  if (dialog?.kind !== 'delete') return
  setDialog(null)
  try {
    const ids = dialog.ids ?? (await selectedIds(ctx.pages, Number.MAX_SAFE_INTEGER))
    let deleted = 0
    for (const part of chunks(ids, historyLimits.idsPerCall)) {
      deleted += (await ctx.client.call('history.delete', { ids: part })).deleted
    }
    const { selection } = useHistoryStore.getState()
    const gone = new Set(ids)
    // Deleted tasks leave the selection; deleting the "all" selection leaves nothing selected.
    if (!selection.all)
      setSelection({ all: false, ids: new Set([...selection.ids].filter((id) => !gone.has(id))) })
    else if (dialog.ids === undefined) setSelection(noSelection)
    if (detailId !== null && gone.has(detailId)) openDetail(null)
    ctx.notify({ tone: 'info', key: 'history.delete.done', values: { count: deleted } })
  } catch (error) {
    ctx.fail('history.delete.failed', error)
  }
  ctx.pages.refresh()
}

/** Exports the selection (at most `idsPerCall` tasks) or the whole history, offered as a download. */
export async function exportTasks(
  ctx: ActionContext,
  scope: 'selected' | 'all',
  format: HistoryExportFormat,
) {
  try {
    const ids = scope === 'all' ? undefined : await selectedIds(ctx.pages, historyLimits.idsPerCall + 1)
    if (ids && ids.length > historyLimits.idsPerCall) {
      ctx.notify({
        tone: 'error',
        key: 'history.export.tooMany',
        values: { limit: historyLimits.idsPerCall },
      })
      return
    }
    const answer = await ctx.client.call('history.export', { format, ...(ids ? { ids } : {}) })
    offerDownload(answer.fileName, answer.content, mimeTypes[format])
    ctx.notify({
      tone: 'info',
      key: 'history.export.done',
      values: { count: answer.count, file: answer.fileName },
    })
  } catch (error) {
    const tooLarge = error instanceof BridgeError && error.details?.maxBytes !== undefined
    if (tooLarge) ctx.notify({ tone: 'error', key: 'history.export.tooLarge', values: { size: maxMiB } })
    else ctx.fail('history.export.failed', error)
  }
}

/** Imports a picked or dropped export; `.csv` files as CSV, anything else as JSON Lines. */
export async function importFile(ctx: ActionContext, file: File) {
  const text =
    file.size > historyLimits.transferMaxBytes
      ? null
      : await readTextFile(file, historyLimits.transferMaxBytes).catch(() => null)
  if (text === null) {
    ctx.notify({ tone: 'error', key: 'history.import.tooLarge', values: { size: maxMiB } })
    return
  }
  const format: HistoryExportFormat = /\.csv$/i.test(file.name) ? 'csv' : 'jsonl'
  try {
    const result = await ctx.client.call('history.import', { format, content: text })
    const problems = result.errors
      .slice(0, shownImportProblems)
      .map((problem) => `#${problem.line}: ${problem.message}`)
      .join('; ')
    const withErrors = result.errors.length > 0
    ctx.notify({
      tone: withErrors ? 'error' : 'info',
      key: withErrors ? 'history.import.doneWithErrors' : 'history.import.done',
      values: {
        imported: result.imported,
        duplicates: result.duplicates,
        errors: result.errors.length,
        problems,
      },
    })
    ctx.pages.refresh()
  } catch (error) {
    ctx.fail('history.import.failed', error)
  }
}
