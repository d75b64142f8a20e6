import {
  AppError,
  importedPresetSchema,
  presetKinds,
  presetLimits,
  type ErrorCode,
  type ModelFamily,
  type Preset,
  type PresetKind,
  type PresetSyncReport,
} from '#contract'
import type { ApiClient, ApiConnection, ServerAsset } from '../api/api-types'
import type { PresetsState } from './presets-file'

/** Resolves the connection of a profile (the active one when omitted); from the profiles service. */
export type ResolveConnection = (profileId?: string) => Promise<ApiConnection>

export interface ServerList {
  readonly kind: PresetKind
  readonly assets: readonly ServerAsset[]
  /** False when the list was longer than the app reads; then nothing is flagged missing. */
  readonly complete: boolean
}

export interface FetchedLists {
  readonly lists: readonly ServerList[]
  readonly failedKinds: PresetSyncReport['failedKinds']
}

const pageSize = 100
const maxPages = 50

async function fetchKind(
  apiClient: ApiClient,
  connection: ApiConnection,
  kind: PresetKind,
): Promise<ServerList> {
  const assets: ServerAsset[] = []
  let received = 0
  for (let pageNum = 1; pageNum <= maxPages; pageNum += 1) {
    const page = await apiClient.listAssets(connection, kind, { pageNum, pageSize })
    received += page.rows.length
    assets.push(...page.rows.filter((row) => row.kind === kind))
    if (page.rows.length === 0 || received >= page.total) return { kind, assets, complete: true }
  }
  return { kind, assets, complete: false }
}

/**
 * Reads the four lists one after the other (the service rate-limits). A list that fails is
 * reported and left out; if every list fails, the first error is thrown so the caller sees why.
 */
export async function fetchServerLists(
  apiClient: ApiClient,
  connection: ApiConnection,
): Promise<FetchedLists> {
  const lists: ServerList[] = []
  const failedKinds: { kind: PresetKind; code: ErrorCode }[] = []
  let firstError: AppError | null = null
  for (const kind of presetKinds) {
    try {
      lists.push(await fetchKind(apiClient, connection, kind))
    } catch (error) {
      const appError =
        error instanceof AppError ? error : new AppError('internal', 'The list could not be read.')
      firstError ??= appError
      failedKinds.push({ kind, code: appError.code })
    }
  }
  if (lists.length === 0 && firstError) throw firstError
  return { lists, failedKinds }
}

/** Maps the service's free-text base model ("SD 1.5", "SDXL 1.0", "Pony") to a family. */
export function familyFromBaseModel(baseModel: string | null): ModelFamily {
  const text = (baseModel ?? '').toLowerCase().replace(/[\s_-]/g, '')
  if (/xl|pony|illustrious/.test(text)) return 'sdxl'
  if (/1\.5|sd15|^sd1$/.test(text)) return 'sd15'
  return 'other'
}

export const serverFileKey = (kind: PresetKind, fileName: string) => `${kind}:${fileName}`

function presetFromAsset(asset: ServerAsset, now: number, newId: () => string): Preset | null {
  const parsed = importedPresetSchema.safeParse({
    kind: asset.kind,
    displayName: (asset.displayName.trim() || asset.fileName).slice(0, presetLimits.displayNameMaxLength),
    fileName: asset.fileName,
    family: familyFromBaseModel(asset.baseModel),
  })
  if (!parsed.success) return null
  return {
    ...parsed.data,
    ...(asset.hash ? { hash: asset.hash } : {}),
    id: newId(),
    origin: 'server',
    missingOnServer: false,
    createdAt: now,
    updatedAt: now,
  }
}

const describe = (item: { kind: PresetKind; fileName: string; displayName: string }) => ({
  kind: item.kind,
  fileName: item.fileName,
  displayName: item.displayName,
})

/**
 * The sync rules: a file no preset names is added (origin `server`) unless the user deleted it
 * before; a preset whose file the server no longer lists is flagged, never deleted; nothing a
 * person edited is overwritten — only the `missingOnServer` flag and the server's `hash` of a file
 * change on existing presets.
 */
export function mergeServerLists(
  state: PresetsState,
  fetched: FetchedLists,
  now: number,
  newId: () => string,
): { state: PresetsState; report: PresetSyncReport } {
  const report: PresetSyncReport = {
    added: [],
    flaggedMissing: [],
    backOnServer: [],
    failedKinds: fetched.failedKinds,
    syncedAt: now,
  }
  const dismissed = new Set(state.dismissedServerFiles)
  let presets = [...state.presets]
  for (const { kind, assets, complete } of fetched.lists) {
    const onServer = new Set(assets.map((asset) => asset.fileName))
    const hashes = new Map(assets.flatMap((asset) => (asset.hash ? [[asset.fileName, asset.hash]] : [])))
    presets = presets.map((preset) => {
      if (preset.kind !== kind) return preset
      // The hash is the server's fact about the file, not something a person edits: kept current.
      const hash = hashes.get(preset.fileName)
      const hashed = hash && hash !== preset.hash ? { ...preset, hash } : preset
      if (!complete) return hashed
      const missing = !onServer.has(preset.fileName)
      if (missing === preset.missingOnServer) return hashed
      ;(missing ? report.flaggedMissing : report.backOnServer).push(describe(preset))
      return { ...hashed, missingOnServer: missing }
    })
    const known = new Set(presets.filter((preset) => preset.kind === kind).map((preset) => preset.fileName))
    for (const asset of assets) {
      if (known.has(asset.fileName) || dismissed.has(serverFileKey(kind, asset.fileName))) continue
      if (presets.length >= presetLimits.libraryMaxPresets) break
      const preset = presetFromAsset(asset, now, newId)
      if (!preset) continue
      known.add(preset.fileName)
      presets.push(preset)
      report.added.push(describe(preset))
    }
  }
  return { state: { ...state, presets }, report }
}
