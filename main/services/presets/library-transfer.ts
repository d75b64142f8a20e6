import type { z } from 'zod'
import {
  AppError,
  importedPresetSchema,
  presetLibraryEnvelopeSchema,
  presetLibraryFormat,
  presetLibraryVersion,
  presetLimits,
  styleImportSchema,
  type Preset,
  type PresetImportSummary,
  type PresetOrigin,
  type PromptStyle,
} from '#contract'
import type { PresetsState } from './presets-file'

type ImportedPreset = z.output<typeof importedPresetSchema>
type ImportedStyle = z.output<typeof styleImportSchema>

export interface LibraryEntries {
  readonly presets: readonly ImportedPreset[]
  readonly styles: readonly ImportedStyle[]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const fieldOf = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') return [path, issue.keys.join(',')].filter(Boolean).join('.')
  return path === '' ? '(entry)' : path
}

/** Validates entries one by one so the rejection names the first bad entry and its field. */
function parseEntries<S extends z.ZodType>(
  section: 'presets' | 'styles',
  entries: readonly unknown[],
  schema: S,
): z.output<S>[] {
  return entries.map((entry, index) => {
    const parsed = schema.safeParse(entry)
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]
    const field = issue ? fieldOf(issue) : '(entry)'
    throw new AppError('invalid_request', `${section}[${index}].${field}: ${issue?.message ?? 'invalid'}`, {
      reason: 'invalid_entry',
      section,
      index,
      field,
      issue: issue?.code ?? 'invalid',
    })
  })
}

function rejectDuplicates(entries: LibraryEntries): void {
  const seen = new Set<string>()
  entries.presets.forEach((preset, index) => {
    if (preset.id === undefined) return
    if (seen.has(preset.id)) {
      throw new AppError('invalid_request', `presets[${index}].id: the same id appears twice`, {
        reason: 'invalid_entry',
        section: 'presets',
        index,
        field: 'id',
        issue: 'duplicate',
      })
    }
    seen.add(preset.id)
  })
}

/**
 * Reads an exported library (or the starter file). Throws `invalid_request` naming the reason
 * (`not_json`, `not_a_library`, `unsupported_version`, `invalid_entry` with section/index/field).
 */
export function parseLibraryText(text: string): LibraryEntries {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError('invalid_request', 'The file is not JSON.', { reason: 'not_json' })
  }
  if (!isRecord(value) || value.format !== presetLibraryFormat) {
    throw new AppError('invalid_request', 'The file is not a preset library.', { reason: 'not_a_library' })
  }
  if (value.version !== presetLibraryVersion) {
    throw new AppError('invalid_request', 'The library was written by another version of the app.', {
      reason: 'unsupported_version',
    })
  }
  const envelope = presetLibraryEnvelopeSchema.safeParse(value)
  if (!envelope.success) {
    throw new AppError('invalid_request', 'The library holds too many entries.', { reason: 'too_many' })
  }
  const entries = {
    presets: parseEntries('presets', envelope.data.presets, importedPresetSchema),
    styles: parseEntries('styles', envelope.data.styles, styleImportSchema),
  }
  rejectDuplicates(entries)
  return entries
}

export interface MergeOptions {
  readonly onConflict: 'skip' | 'replace'
  readonly now: number
  readonly newId: () => string
  /** Forces the origin (the starter file's entries are `starter`). */
  readonly origin?: PresetOrigin
}

function toPreset(entry: ImportedPreset, options: MergeOptions): Preset {
  return {
    ...entry,
    id: entry.id ?? options.newId(),
    origin: options.origin ?? entry.origin ?? 'user',
    missingOnServer: entry.missingOnServer ?? false,
    createdAt: entry.createdAt ?? options.now,
    updatedAt: entry.updatedAt ?? options.now,
  }
}

/** Styles are keyed by name, as in A1111: a name already present is skipped or replaced. */
export function mergeStyles(
  styles: readonly PromptStyle[],
  entries: readonly ImportedStyle[],
  options: Pick<MergeOptions, 'onConflict' | 'now' | 'newId'>,
) {
  const byName = new Map(styles.map((style) => [style.name, style]))
  let added = 0
  let replaced = 0
  for (const entry of entries) {
    const existing = byName.get(entry.name)
    if (existing && options.onConflict === 'skip') continue
    byName.set(entry.name, {
      id: existing?.id ?? entry.id ?? options.newId(),
      name: entry.name,
      prompt: entry.prompt,
      negativePrompt: entry.negativePrompt,
      createdAt: existing?.createdAt ?? entry.createdAt ?? options.now,
      updatedAt: options.now,
    })
    if (existing) replaced += 1
    else added += 1
  }
  return { styles: [...byName.values()], added, replaced }
}

/** Adds imported entries; an id (preset) or name (style) already present is skipped or replaced. */
export function mergeLibrary(
  state: PresetsState,
  entries: LibraryEntries,
  options: MergeOptions,
): { state: PresetsState; summary: PresetImportSummary } {
  const presets = [...state.presets]
  const indexById = new Map(presets.map((preset, index) => [preset.id, index]))
  let added = 0
  let replaced = 0
  let skipped = 0
  for (const entry of entries.presets) {
    const preset = toPreset(entry, options)
    const index = indexById.get(preset.id)
    if (index === undefined) {
      indexById.set(preset.id, presets.length)
      presets.push(preset)
      added += 1
    } else if (options.onConflict === 'replace') {
      presets[index] = preset
      replaced += 1
    } else {
      skipped += 1
    }
  }
  if (presets.length > presetLimits.libraryMaxPresets) {
    throw new AppError('invalid_request', 'The library would hold too many presets.', { reason: 'too_many' })
  }
  const styles = mergeStyles(state.styles, entries.styles, options)
  if (styles.styles.length > presetLimits.stylesMax) {
    throw new AppError('invalid_request', 'The library would hold too many styles.', { reason: 'too_many' })
  }
  return {
    state: { ...state, presets, styles: styles.styles },
    summary: { added, replaced, skipped, stylesAdded: styles.added, stylesReplaced: styles.replaced },
  }
}

/** The library as JSON; ids are kept so re-importing a backup matches its entries. */
export function exportLibraryText(state: PresetsState, now: number): { fileName: string; text: string } {
  const file = {
    format: presetLibraryFormat,
    version: presetLibraryVersion,
    exportedAt: new Date(now).toISOString(),
    presets: state.presets,
    styles: state.styles,
  }
  const day = new Date(now).toISOString().slice(0, 10)
  return { fileName: `img-open-presets-${day}.json`, text: `${JSON.stringify(file, null, 2)}\n` }
}
