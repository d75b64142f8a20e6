import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import {
  AppError,
  presetLimits,
  presetToDraft,
  type Preset,
  type PresetDraft,
  type PresetImportSummary,
  type PresetPage,
  type PresetsStorageStatus,
  type PresetSyncReport,
  type PromptStyle,
} from '#contract'
import type { ApiClient } from '../api/api-types'
import type { Logger } from '../logger'
import { exportLibraryText, mergeLibrary, parseLibraryText } from './library-transfer'
import {
  emptyPresetsState,
  loadPresetsFile,
  savePresetsFile,
  type Change,
  type PresetsState,
} from './presets-file'
import { normaliseTags, queryPresets, type PresetFilter } from './presets-query'
import { createStyleOperations, type StyleOperations } from './presets-styles'
import { fetchServerLists, mergeServerLists, serverFileKey, type ResolveConnection } from './presets-sync'

export interface PresetsServiceDeps {
  readonly dataDir: string
  readonly clock: () => number
  readonly logger: Logger
  /** The built-in library loaded on first run; null for none. */
  readonly starterFile: string | null
  /** Both are needed for `sync`; without them sync fails with `invalid_request`. */
  readonly apiClient?: ApiClient
  readonly resolveConnection?: ResolveConnection
  /** Called after every change that was saved (to push `presets.changed`). */
  readonly onChange?: () => void
  readonly newId?: () => string
}

/** Presets and, through `StyleOperations`, the prompt styles. */
export interface PresetsService extends StyleOperations {
  status(): Promise<PresetsStorageStatus>
  list(filter: PresetFilter): Promise<PresetPage>
  get(id: string): Promise<Preset>
  create(draft: PresetDraft): Promise<Preset>
  update(id: string, draft: PresetDraft): Promise<Preset>
  setFavourite(id: string, favourite: boolean): Promise<Preset>
  duplicate(id: string, displayName?: string): Promise<Preset>
  /** Deletes a preset; it stays restorable until the service is closed. */
  remove(id: string): Promise<void>
  /** Brings back a preset or a style deleted during this session. */
  restore(id: string): Promise<Restored>
  exportLibrary(): Promise<{ fileName: string; text: string }>
  importLibrary(text: string, onConflict: 'skip' | 'replace'): Promise<PresetImportSummary>
  sync(profileId?: string): Promise<PresetSyncReport>
  /** Waits for pending writes. */
  close(): Promise<void>
}

type Deleted = { readonly preset: Preset } | { readonly style: PromptStyle }
type Restored = { preset: Preset | null; style: PromptStyle | null }

const notFound = (id: string) => new AppError('not_found', 'No preset or style has that id.', { id })

/**
 * The preset library: presets (checkpoints, VAEs, LoRAs, embeddings) and prompt styles, kept in
 * `<dataDir>/presets.json`. Changes are applied one at a time and each is saved durably before
 * it is answered; deletions can be undone for the session.
 */
export function createPresetsService(deps: PresetsServiceDeps): PresetsService {
  const newId = deps.newId ?? randomUUID
  let state: PresetsState = emptyPresetsState
  let storageStatus: PresetsStorageStatus | null = null
  let opening: Promise<void> | null = null
  let tail: Promise<unknown> = Promise.resolve()
  const trash = new Map<string, Deleted>()

  const seed = async (): Promise<PresetsState> => {
    if (deps.starterFile === null) return emptyPresetsState
    try {
      const entries = parseLibraryText(await readFile(deps.starterFile, 'utf8'))
      const options = { onConflict: 'skip', now: deps.clock(), newId, origin: 'starter' } as const
      return mergeLibrary(emptyPresetsState, entries, options).state
    } catch (error) {
      const reason = error instanceof AppError ? String(error.details?.reason ?? error.code) : 'io'
      deps.logger.warn('presets.starter_unreadable', { reason })
      return emptyPresetsState
    }
  }

  const open = () => {
    opening ??= loadPresetsFile({ ...deps, seed }).then(
      (loaded) => {
        state = loaded.state
        storageStatus = loaded.status
      },
      (error: unknown) => {
        opening = null
        throw error
      },
    )
    return opening
  }

  /** Runs one change after the previous ones; the new state is saved before it becomes current. */
  const mutate = <T>(change: Change<T>): Promise<T> => {
    const run = async () => {
      await open()
      const next = change(state)
      if (next.state !== state) {
        await savePresetsFile(deps.dataDir, next.state)
        state = next.state
        deps.onChange?.()
      }
      return next.result
    }
    const result = tail.then(run, run)
    tail = result.catch(() => undefined)
    return result
  }

  const read = async () => {
    await open()
    return state
  }

  const find = (current: PresetsState, id: string) => {
    const preset = current.presets.find((candidate) => candidate.id === id)
    if (!preset) throw notFound(id)
    return preset
  }

  const replacePreset = (current: PresetsState, preset: Preset): PresetsState => ({
    ...current,
    presets: current.presets.map((candidate) => (candidate.id === preset.id ? preset : candidate)),
  })

  const addPreset = (current: PresetsState, draft: PresetDraft, now: number): Preset => {
    if (current.presets.length >= presetLimits.libraryMaxPresets) {
      throw new AppError('invalid_request', 'The library is full.', { reason: 'too_many' })
    }
    const id = newId()
    return {
      ...draft,
      tags: normaliseTags(draft.tags),
      id,
      origin: 'user',
      missingOnServer: false,
      createdAt: now,
      updatedAt: now,
    }
  }

  const styles = createStyleOperations({
    mutate,
    read,
    clock: deps.clock,
    newId,
    keepDeleted: (style) => trash.set(style.id, { style }),
  })

  return {
    ...styles,
    async status() {
      await open()
      return (
        storageStatus ?? {
          state: 'ok',
          reason: null,
          keptAsideAs: null,
          recoveredEntries: 0,
          droppedEntries: 0,
        }
      )
    },
    list: async (filter) => queryPresets((await read()).presets, filter),
    get: async (id) => find(await read(), id),
    create: (draft) =>
      mutate((current) => {
        const preset = addPreset(current, draft, deps.clock())
        return { state: { ...current, presets: [...current.presets, preset] }, result: preset }
      }),
    update: (id, draft) =>
      mutate((current) => {
        const existing = find(current, id)
        const preset: Preset = {
          ...draft,
          tags: normaliseTags(draft.tags),
          id,
          origin: existing.origin,
          // A new file name has not been checked against the server yet.
          missingOnServer: draft.fileName === existing.fileName ? existing.missingOnServer : false,
          ...(draft.fileName === existing.fileName && existing.hash ? { hash: existing.hash } : {}),
          createdAt: existing.createdAt,
          updatedAt: deps.clock(),
        }
        return { state: replacePreset(current, preset), result: preset }
      }),
    setFavourite: (id, favourite) =>
      mutate((current) => {
        const preset = { ...find(current, id), favourite, updatedAt: deps.clock() }
        return { state: replacePreset(current, preset), result: preset }
      }),
    duplicate: (id, displayName) =>
      mutate((current) => {
        const source = presetToDraft(find(current, id))
        const name = (displayName ?? `${source.displayName} (copy)`).slice(
          0,
          presetLimits.displayNameMaxLength,
        )
        const preset = addPreset(current, { ...source, displayName: name }, deps.clock())
        return { state: { ...current, presets: [...current.presets, preset] }, result: preset }
      }),
    remove: (id) =>
      mutate((current) => {
        const preset = find(current, id)
        trash.set(id, { preset })
        // A server-added preset the user deleted must not come back with the next sync.
        const dismissed =
          preset.origin === 'server'
            ? [...current.dismissedServerFiles, serverFileKey(preset.kind, preset.fileName)]
            : current.dismissedServerFiles
        const presets = current.presets.filter((candidate) => candidate.id !== id)
        return { state: { ...current, presets, dismissedServerFiles: dismissed }, result: undefined }
      }),
    restore: (id) =>
      mutate<Restored>((current) => {
        const deleted = trash.get(id)
        if (!deleted) throw notFound(id)
        if (current.presets.some((p) => p.id === id) || current.styles.some((s) => s.id === id)) {
          throw new AppError('conflict', 'That entry already exists.', { id })
        }
        trash.delete(id)
        if ('style' in deleted) {
          if (current.styles.some((style) => style.name === deleted.style.name)) {
            throw new AppError('conflict', 'A style with that name exists again.', { id })
          }
          return {
            state: { ...current, styles: [...current.styles, deleted.style] },
            result: { preset: null, style: deleted.style },
          }
        }
        const key = serverFileKey(deleted.preset.kind, deleted.preset.fileName)
        const next = {
          ...current,
          presets: [...current.presets, deleted.preset],
          dismissedServerFiles: current.dismissedServerFiles.filter((entry) => entry !== key),
        }
        return { state: next, result: { preset: deleted.preset, style: null } }
      }),
    exportLibrary: async () => exportLibraryText(await read(), deps.clock()),
    importLibrary: async (text, onConflict) => {
      // Parse before queueing: a bad file is rejected without touching anything.
      const entries = parseLibraryText(text)
      return mutate((current) => {
        const merged = mergeLibrary(current, entries, { onConflict, now: deps.clock(), newId })
        return { state: merged.state, result: merged.summary }
      })
    },
    async sync(profileId) {
      if (!deps.apiClient || !deps.resolveConnection) {
        throw new AppError('invalid_request', 'Syncing with the server is not available.', {
          reason: 'no_client',
        })
      }
      const connection = await deps.resolveConnection(profileId)
      // The network part runs outside the queue so edits are not held up by a slow server.
      const fetched = await fetchServerLists(deps.apiClient, connection)
      return mutate((current) => {
        const merged = mergeServerLists(current, fetched, deps.clock(), newId)
        return { state: merged.state, result: merged.report }
      })
    },
    async close() {
      await tail
    },
  }
}
