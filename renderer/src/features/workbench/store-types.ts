import type { StateCreator } from 'zustand'
import type { AdetailerUnit, CheckpointPreset } from '../../../../main/contract'
import type { ParamsDraft, ParamsPatch, ScriptsDraft } from './draft'
import type { ImageSize, SizeFamily } from './sizes'

/** random: seed -1; fixed: the seed typed or rolled; reuse: follows the last finished task's seed. */
export const seedModes = ['random', 'fixed', 'reuse'] as const
export type SeedMode = (typeof seedModes)[number]

/**
 * What applying a checkpoint preset needs: structurally the presets feature's `CheckpointPreset`
 * (its file name and recommended settings), so a preset object can be passed as it is.
 */
export type CheckpointPresetInput = Pick<CheckpointPreset, 'fileName' | 'settings'>

export type DraftField = Exclude<keyof ParamsDraft, 'alwayson_scripts'>

export interface DraftSlice {
  readonly draft: ParamsDraft
  /** Earlier drafts, oldest first, bounded; `future` holds undone ones. */
  readonly past: readonly ParamsDraft[]
  readonly future: readonly ParamsDraft[]
  /** The field the last change edited: consecutive edits of one field are one undo step. */
  readonly lastEdit: string | null
  /** The negative prompt the last preset put in, so the next preset may replace it. */
  readonly presetNegative: string | null
  setParam<K extends DraftField>(key: K, value: ParamsDraft[K]): void
  setScript<K extends keyof ScriptsDraft>(key: K, value: ScriptsDraft[K]): void
  setClipSkip(value: number): void
  setSize(size: ImageSize): void
  swapSize(): void
  setAdetailerUnits(units: readonly AdetailerUnit[]): void
  setAdetailerField<K extends keyof AdetailerUnit>(unit: number, key: K, value: AdetailerUnit[K]): void
  /** Lays outside parameters over the draft (`replace`: over the defaults) as one undo step. */
  applyParams(patch: ParamsPatch, options?: { readonly replace?: boolean }): void
  applyCheckpointPreset(preset: CheckpointPresetInput): void
  undo(): void
  redo(): void
}

export interface SeedSlice {
  readonly seedMode: SeedMode
  /** The seed of the last finished task, reported by the tasks flow. */
  readonly lastSeed: number | null
  setSeedMode(mode: SeedMode): void
  setSeed(seed: number): void
  setLastSeed(seed: number): void
  /** A1111's dice: back to -1 (a new random seed each time). */
  randomizeSeed(): void
  /** A1111's recycle: the last seed, fixed. */
  recycleLastSeed(): void
}

export interface AssetOptions {
  readonly checkpoints: readonly string[]
  readonly vaes: readonly string[]
  readonly loras: readonly string[]
  readonly embeddings: readonly string[]
}

/** Presets and the server's lists report names separately, so neither overwrites the other. */
export type AssetOrigin = 'presets' | 'server'

export interface AssetsSlice {
  readonly assetsByOrigin: Readonly<Record<AssetOrigin, AssetOptions>>
  /** Both origins merged, presets first, without duplicates. */
  readonly assets: AssetOptions
  setAssetOptions(options: Partial<AssetOptions>, origin?: AssetOrigin): void
}

export interface WorkbenchPrefs {
  readonly adetailerOpen: boolean
  readonly sizeFamily: SizeFamily
}

export interface PrefsSlice {
  readonly prefs: WorkbenchPrefs
  setPref<K extends keyof WorkbenchPrefs>(key: K, value: WorkbenchPrefs[K]): void
}

export type WorkbenchState = DraftSlice & SeedSlice & AssetsSlice & PrefsSlice

export type WorkbenchSlice<T> = StateCreator<WorkbenchState, [['zustand/persist', unknown]], [], T>
