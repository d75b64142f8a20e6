import { z } from 'zod'
import { errorCodes } from '../errors'
import { modelFamilies, presetDraftSchema, presetKinds, presetLimits, presetSchema } from '../schemas/preset'
import { promptStyleSchema, styleDraftSchema } from '../schemas/prompt-style'
import { procedure } from './define'

const id = z.string().min(1).max(64)
const count = z.number().int().min(0)

export const presetListInputSchema = z.strictObject({
  kind: z.enum(presetKinds).optional(),
  /** Case-insensitive; matches name, file name, tags, notes and trigger words. */
  text: z.string().max(200).optional(),
  tag: z.string().max(presetLimits.tagMaxLength).optional(),
  family: z.enum(modelFamilies).optional(),
  favouriteOnly: z.boolean().optional(),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
})
export type PresetListInput = z.input<typeof presetListInputSchema>

export const presetPageSchema = z.object({
  items: z.array(presetSchema),
  /** How many match the filters (the page holds at most `limit` of them). */
  total: count,
  offset: count,
  /** Every tag used by presets of the listed kind, for the tag filter. */
  tags: z.array(z.string()),
  /** Presets per kind, whatever the filters; for the kind tabs. */
  counts: z.record(z.enum(presetKinds), count),
})
export type PresetPage = z.infer<typeof presetPageSchema>

/** How the library file was found at start-up; `recovered` means the user must be told. */
export const presetsStorageStatusSchema = z.object({
  state: z.enum(['ok', 'seeded', 'recovered']),
  reason: z.enum(['unreadable', 'bad_shape', 'newer_version', 'invalid_entries']).nullable(),
  /** File name (in the data folder) the damaged file was kept under. */
  keptAsideAs: z.string().nullable(),
  recoveredEntries: count,
  droppedEntries: count,
})
export type PresetsStorageStatus = z.infer<typeof presetsStorageStatusSchema>

const syncedAssetSchema = z.object({
  kind: z.enum(presetKinds),
  fileName: z.string(),
  displayName: z.string(),
})

export const presetSyncReportSchema = z.object({
  added: z.array(syncedAssetSchema),
  flaggedMissing: z.array(syncedAssetSchema),
  /** Presets flagged missing by an earlier sync whose file the server lists again. */
  backOnServer: z.array(syncedAssetSchema),
  /** Lists that could not be read; presets of those kinds were left untouched. */
  failedKinds: z.array(z.object({ kind: z.enum(presetKinds), code: z.enum(errorCodes) })),
  syncedAt: z.number(),
})
export type PresetSyncReport = z.infer<typeof presetSyncReportSchema>

export const presetImportSummarySchema = z.object({
  added: count,
  replaced: count,
  skipped: count,
  stylesAdded: count,
  stylesReplaced: count,
})
export type PresetImportSummary = z.infer<typeof presetImportSummarySchema>

export const stylesImportSummarySchema = z.object({ added: count, replaced: count, skipped: count })
export type StylesImportSummary = z.infer<typeof stylesImportSummarySchema>

const byId = z.strictObject({ id })

export const presetsProcedures = {
  /** How the library file was loaded (ok, seeded from the starter set, or recovered from damage). */
  'presets.status': procedure(z.strictObject({}), presetsStorageStatusSchema),
  /** One page of presets matching the filters; favourites first, then by name. */
  'presets.list': procedure(presetListInputSchema, presetPageSchema),
  'presets.get': procedure(byId, presetSchema),
  'presets.create': procedure(z.strictObject({ preset: presetDraftSchema }), presetSchema),
  /** Replaces the editable fields; origin, server flags and id are kept. */
  'presets.update': procedure(z.strictObject({ id, preset: presetDraftSchema }), presetSchema),
  'presets.setFavourite': procedure(z.strictObject({ id, favourite: z.boolean() }), presetSchema),
  /** A user-owned copy; `displayName` is the (localised) name for the copy. */
  'presets.duplicate': procedure(
    z.strictObject({
      id,
      displayName: z.string().trim().min(1).max(presetLimits.displayNameMaxLength).optional(),
    }),
    presetSchema,
  ),
  /** Deletes a preset or keeps it restorable with `presets.restore` for this session. */
  'presets.delete': procedure(byId, z.object({ id: z.string() })),
  /** Undoes a delete of a preset or of a style during this session. */
  'presets.restore': procedure(
    byId,
    z.object({ preset: presetSchema.nullable(), style: promptStyleSchema.nullable() }),
  ),
  /** The whole library (presets and styles) as JSON text, for the renderer to offer as a download. */
  'presets.export': procedure(z.strictObject({}), z.object({ fileName: z.string(), text: z.string() })),
  /** Imports an exported library's text; a bad file is rejected whole, naming the entry and field. */
  'presets.import': procedure(
    z.strictObject({
      text: z.string().max(presetLimits.importMaxChars),
      /** What to do with an entry whose id already exists. */
      onConflict: z.enum(['skip', 'replace']).default('skip'),
    }),
    presetImportSummarySchema,
  ),
  /** Imports A1111's styles.csv text (name, prompt, negative_prompt); same names are replaced. */
  'presets.importStyles': procedure(
    z.strictObject({ csvText: z.string().max(presetLimits.stylesCsvMaxChars) }),
    stylesImportSummarySchema,
  ),
  'presets.listStyles': procedure(
    z.strictObject({ text: z.string().max(200).optional() }),
    z.object({ items: z.array(promptStyleSchema) }),
  ),
  /** Adds a style; a name already in use fails with `conflict` (reason `style_name_taken`). */
  'presets.createStyle': procedure(z.strictObject({ style: styleDraftSchema }), promptStyleSchema),
  /** Replaces a style's name (a rename), prompt and negative prompt; id and createdAt are kept. */
  'presets.updateStyle': procedure(z.strictObject({ id, style: styleDraftSchema }), promptStyleSchema),
  'presets.deleteStyle': procedure(byId, z.object({ id: z.string() })),
  /** Every style as A1111's `styles.csv` text, for the renderer to offer as a download. */
  'presets.exportStyles': procedure(z.strictObject({}), z.object({ fileName: z.string(), text: z.string() })),
  /** Reads the server's model, VAE, LoRA and embedding lists for a profile and merges the names. */
  'presets.sync': procedure(
    z.strictObject({ profileId: z.string().min(1).max(128).optional() }),
    presetSyncReportSchema,
  ),
}
