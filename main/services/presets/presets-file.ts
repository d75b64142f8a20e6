import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import {
  AppError,
  presetSchema,
  promptStyleSchema,
  type Preset,
  type PresetsStorageStatus,
  type PromptStyle,
} from '#contract'
import { writeFileAtomic } from '../fs/atomic-write'
import type { Logger } from '../logger'

/** Everything the library keeps on disk. */
export interface PresetsState {
  readonly presets: readonly Preset[]
  readonly styles: readonly PromptStyle[]
  /** `kind:fileName` of server-added presets the user deleted, so a sync does not bring them back. */
  readonly dismissedServerFiles: readonly string[]
}

export const emptyPresetsState: PresetsState = { presets: [], styles: [], dismissedServerFiles: [] }

/** One change to the library: the next state (the same object when nothing changed) and the answer. */
export type Change<T> = (current: PresetsState) => { state: PresetsState; result: T }

export const presetsFileName = 'presets.json'
const storeFormat = 'img-open-workbench/presets-store'
const storeVersion = 1

type DamageReason = NonNullable<PresetsStorageStatus['reason']>

interface ParsedStore {
  readonly state: PresetsState
  readonly reason: DamageReason | null
  readonly dropped: number
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Keeps every entry that still validates; the caller keeps the original file aside. */
function parseStoreText(text: string): ParsedStore {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { state: emptyPresetsState, reason: 'unreadable', dropped: 0 }
  }
  if (!isRecord(value) || value.format !== storeFormat || typeof value.version !== 'number') {
    return { state: emptyPresetsState, reason: 'bad_shape', dropped: 0 }
  }
  if (value.version > storeVersion) return { state: emptyPresetsState, reason: 'newer_version', dropped: 0 }
  const rawPresets = Array.isArray(value.presets) ? value.presets : []
  const rawStyles = Array.isArray(value.styles) ? value.styles : []
  const presets: Preset[] = []
  const styles: PromptStyle[] = []
  const ids = new Set<string>()
  const styleNames = new Set<string>()
  for (const raw of rawPresets) {
    const parsed = presetSchema.safeParse(raw)
    if (parsed.success && !ids.has(parsed.data.id)) {
      ids.add(parsed.data.id)
      presets.push(parsed.data)
    }
  }
  for (const raw of rawStyles) {
    const parsed = promptStyleSchema.safeParse(raw)
    if (parsed.success && !styleNames.has(parsed.data.name)) {
      styleNames.add(parsed.data.name)
      styles.push(parsed.data)
    }
  }
  const dismissedServerFiles = Array.isArray(value.dismissedServerFiles)
    ? value.dismissedServerFiles.filter((entry): entry is string => typeof entry === 'string')
    : []
  const dropped = rawPresets.length - presets.length + (rawStyles.length - styles.length)
  const shapeBroken = !Array.isArray(value.presets) || !Array.isArray(value.styles)
  const reason = shapeBroken ? 'bad_shape' : dropped > 0 ? 'invalid_entries' : null
  return { state: { presets, styles, dismissedServerFiles }, reason, dropped }
}

export function serialisePresetsState(state: PresetsState): string {
  return `${JSON.stringify({ format: storeFormat, version: storeVersion, ...state }, null, 1)}\n`
}

/** Durable replace-by-rename: a crash leaves the old library or the new one, never a mix. */
export async function savePresetsFile(dataDir: string, state: PresetsState): Promise<void> {
  try {
    await writeFileAtomic(join(dataDir, presetsFileName), serialisePresetsState(state))
  } catch {
    throw new AppError('io', 'The preset library could not be saved.')
  }
}

const fileStamp = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-')

/** Renames the damaged file beside itself; the user can open it, nothing is thrown away. */
async function keepAside(dataDir: string, at: number): Promise<string> {
  const base = `presets.corrupt-${fileStamp(at)}`
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const name = attempt === 0 ? `${base}.json` : `${base}-${attempt}.json`
    const target = join(dataDir, name)
    const taken = await readFile(target).then(
      () => true,
      () => false,
    )
    if (taken) continue
    await rename(join(dataDir, presetsFileName), target)
    return name
  }
  throw new AppError('io', 'The damaged preset library could not be kept aside.')
}

export interface LoadPresetsDeps {
  readonly dataDir: string
  readonly clock: () => number
  readonly logger: Logger
  /** The first-run library (the starter presets). */
  readonly seed: () => Promise<PresetsState>
}

export interface LoadedPresets {
  readonly state: PresetsState
  readonly status: PresetsStorageStatus
}

const okStatus = (state: PresetsStorageStatus['state']): PresetsStorageStatus => ({
  state,
  reason: null,
  keptAsideAs: null,
  recoveredEntries: 0,
  droppedEntries: 0,
})

/**
 * Opens the library. A missing file is seeded from the starter set; a damaged one is renamed to
 * `presets.corrupt-<time>.json`, what still validates is kept and saved at once (so the next start
 * does not mistake the library for a first run), and the status says so.
 */
export async function loadPresetsFile(deps: LoadPresetsDeps): Promise<LoadedPresets> {
  const path = join(deps.dataDir, presetsFileName)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new AppError('io', 'The preset library could not be read.')
    }
    const state = await deps.seed()
    await savePresetsFile(deps.dataDir, state)
    return { state, status: okStatus('seeded') }
  }
  const parsed = parseStoreText(text)
  if (parsed.reason === null) return { state: parsed.state, status: okStatus('ok') }
  const keptAsideAs = await keepAside(deps.dataDir, deps.clock())
  await savePresetsFile(deps.dataDir, parsed.state)
  const recoveredEntries = parsed.state.presets.length + parsed.state.styles.length
  deps.logger.warn('presets.recovered', { reason: parsed.reason, keptAsideAs, dropped: parsed.dropped })
  return {
    state: parsed.state,
    status: {
      state: 'recovered',
      reason: parsed.reason,
      keptAsideAs,
      recoveredEntries,
      droppedEntries: parsed.dropped,
    },
  }
}
