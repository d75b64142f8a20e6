import { z } from 'zod'
import { historyPageLimit } from '../limits'
import { taskRecordKinds, taskRecordSchema, taskStatuses } from './task'

export const historySortKeys = ['createdAt', 'updatedAt'] as const
export type HistorySortKey = (typeof historySortKeys)[number]

export { historyPageLimit }

/**
 * One page request over the local history. `text` searches prompt and negative prompt (word
 * prefixes; Chinese and Japanese as substrings). `from`/`to` bound `createdAt` (ms, inclusive).
 * Page with `cursor` (from the previous page) or `offset`; a cursor stays stable while tasks arrive.
 */
export const historyQuerySchema = z
  .object({
    text: z.string().max(500).optional(),
    checkpoint: z.string().max(256).optional(),
    /** An empty string finds the tasks that named no VAE. */
    vae: z.string().max(256).optional(),
    status: z.array(z.enum(taskStatuses)).max(taskStatuses.length).optional(),
    /** Only tasks of these workbench modes (or tools, custom requests). */
    kind: z.array(z.enum(taskRecordKinds)).max(taskRecordKinds.length).optional(),
    profileId: z.string().max(128).optional(),
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
    sort: z.enum(historySortKeys).default('createdAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(historyPageLimit).default(50),
  })
  .strict()

export type HistoryQueryInput = z.input<typeof historyQuerySchema>
export type HistoryQuery = z.output<typeof historyQuerySchema>

export const historyPageSchema = z.object({
  items: z.array(taskRecordSchema),
  /** How many tasks match the filters, over all pages. */
  total: z.number().int(),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
})

export type HistoryPage = z.infer<typeof historyPageSchema>

/**
 * What start-up found when the history file was damaged: the file was kept aside under `keptAs`
 * and every readable task copied into a fresh store. `lost` is null when the damage was such that
 * the number of unreadable tasks could not be counted.
 */
export const historyRecoverySchema = z.object({
  at: z.number(),
  keptAs: z.string(),
  recovered: z.number().int(),
  lost: z.number().int().nullable(),
})

export type HistoryRecovery = z.infer<typeof historyRecoverySchema>

export const historyExportFormats = ['jsonl', 'csv'] as const
export type HistoryExportFormat = (typeof historyExportFormats)[number]

export const historyImportResultSchema = z.object({
  imported: z.number().int(),
  /** Tasks whose id was already in the history (or earlier in the same file). */
  duplicates: z.number().int(),
  /** Lines that could not be read, 1-based, with why; the good lines were kept. */
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
})

export type HistoryImportResult = z.infer<typeof historyImportResultSchema>
