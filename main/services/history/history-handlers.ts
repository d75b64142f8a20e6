import {
  AppError,
  historyLimits,
  isSdTask,
  type Handlers,
  type HistoryExportFormat,
  type TaskRecord,
} from '#contract'
import { createInfotext } from '../images/infotext-write'
import { lookupArchivedTask, type ArchivedLookupDeps } from './archived-lookup'

export interface HistoryHandlersDeps extends ArchivedLookupDeps {
  /** Told about every record this area adds or changes (a lookup), e.g. to push `tasks.changed`. */
  readonly onRecordChanged?: (record: TaskRecord) => void
}

type HistoryProcedure =
  | 'history.list'
  | 'history.get'
  | 'history.delete'
  | 'history.export'
  | 'history.import'
  | 'history.lookupArchived'
  | 'history.recovery'
  | 'history.dismissRecovery'
  | 'history.infotext'

const pad = (value: number) => String(value).padStart(2, '0')

/** `img-open-history-20260124-153012.jsonl`, in local time like the user's other files. */
export function exportFileName(at: number, format: HistoryExportFormat): string {
  const date = new Date(at)
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  return `img-open-history-${day}-${time}.${format}`
}

/** The history procedures over the store; deleting also frees the images only those tasks used. */
export function createHistoryHandlers(deps: HistoryHandlersDeps): Pick<Handlers, HistoryProcedure> {
  const { store, imageCache, logger } = deps

  const recordOf = (id: string) => {
    const record = store.get(id)
    if (!record) throw new AppError('not_found', 'This task is not in the history.', { id })
    return record
  }

  return {
    'history.list': (query) => store.query(query),
    'history.get': ({ id }) => recordOf(id),

    'history.delete': async ({ ids }) => {
      const present = [...new Set(ids)].filter((id) => store.get(id) !== null)
      const unreferenced = store.delete(present)
      try {
        await imageCache.remove(unreferenced)
      } catch {
        // The tasks are gone; an image file left behind costs disk space, not correctness.
        logger.warn('history.images_not_removed', { count: unreferenced.length })
      }
      logger.info('history.deleted', { count: present.length, images: unreferenced.length })
      return { deleted: present.length }
    },

    'history.export': async ({ ids, format }) => {
      const exported = await store.exportRecords(ids ?? 'all', format)
      const content = exported.text ?? ''
      const bytes = Buffer.byteLength(content)
      if (bytes > historyLimits.transferMaxBytes) {
        throw new AppError(
          'invalid_request',
          'The export is too large; select fewer tasks and export them in parts.',
          {
            maxBytes: historyLimits.transferMaxBytes,
            bytes,
            count: exported.count,
          },
        )
      }
      return { fileName: exportFileName(deps.clock(), format), content, count: exported.count }
    },

    'history.import': ({ format, content }) => {
      const result = store.importRecords(content, format)
      logger.info('history.imported', {
        imported: result.imported,
        duplicates: result.duplicates,
        errors: result.errors.length,
      })
      return result
    },

    'history.lookupArchived': async ({ taskId, profileId }) => {
      const record = await lookupArchivedTask(deps, taskId, profileId)
      deps.onRecordChanged?.(record)
      return record
    },

    'history.recovery': () => store.pendingRecovery(),
    'history.dismissRecovery': () => {
      store.acknowledgeRecovery()
      return {}
    },

    'history.infotext': ({ id, imageIndex }) => {
      const record = recordOf(id)
      if (record.paramsUnknown === true || !isSdTask(record)) {
        throw new AppError('invalid_request', 'The parameters of this task are not known.', { id })
      }
      const seed = imageIndex === undefined ? undefined : record.images[imageIndex]?.seed
      return {
        text: createInfotext(record.params, { seed, kind: record.kind, template: record.promptTemplate }),
      }
    },
  }
}
