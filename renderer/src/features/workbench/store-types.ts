import type { StateCreator } from 'zustand'
import type {
  AdetailerUnit,
  CheckpointPreset,
  ControlNetEndpoint,
  ControlNetUnitSettings,
  EmbeddingPreset,
  LoraPreset,
} from '#contract'
import type { MaskDocument } from '../inpaint'
import type { PickedImage } from '../sources'
import type { ParamsDraft, ParamsPatch, ScriptsDraft } from './draft'
import type { ImageDraft } from './mode-drafts'
import type { PromptCursor } from './prompt-insert'
import type { WorkbenchMode } from './modes'
import type { ImageSize, SizeFamily } from './sizes'

/** random: seed -1; fixed: the seed typed or rolled; reuse: follows the last finished task's seed. */
export const seedModes = ['random', 'fixed', 'reuse'] as const
export type SeedMode = (typeof seedModes)[number]

/**
 * What applying a checkpoint preset needs: structurally the presets feature's `CheckpointPreset`
 * (its file name and recommended settings), so a preset object can be passed as it is.
 */
export type CheckpointPresetInput = Pick<CheckpointPreset, 'fileName' | 'settings'>

export type DraftField = Exclude<keyof ParamsDraft, 'alwayson_scripts' | 'img2img' | 'controlnet'>

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
  /**
   * The profile's default checkpoint in an empty checkpoint field, as a starting value rather than
   * an edit: no undo step, and nothing changes once the field holds a name.
   */
  fillEmptyCheckpoint(name: string): void
  setClipSkip(value: number): void
  setSize(size: ImageSize): void
  swapSize(): void
  setAdetailerUnits(units: readonly AdetailerUnit[]): void
  setAdetailerField<K extends keyof AdetailerUnit>(unit: number, key: K, value: AdetailerUnit[K]): void
  setImageSetting<K extends keyof ImageDraft>(key: K, value: ImageDraft[K]): void
  setControlNetResizeMode(value: number): void
  /** ControlNet v2 or text2image v3; the units and their images stay as they are. */
  setControlNetEndpoint(value: ControlNetEndpoint): void
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

/** Per kind, file name → SHA-256 for the synced files whose server list gave one. */
export type AssetHashes = Readonly<Record<keyof AssetOptions, Readonly<Record<string, string>>>>

export interface AssetsSlice {
  readonly assetsByOrigin: Readonly<Record<AssetOrigin, AssetOptions>>
  /** Both origins merged, presets first, without duplicates. */
  readonly assets: AssetOptions
  setAssetOptions(options: Partial<AssetOptions>, origin?: AssetOrigin): void
  /** Preset names a sync found missing from the server's lists: flagged, never suggested. */
  readonly missingOnServer: AssetOptions
  setMissingOnServer(options: AssetOptions): void
  /** What a pasted `Model hash` is matched against (preflight/hash-match.ts). */
  readonly assetHashes: AssetHashes
  setAssetHashes(hashes: AssetHashes): void
  /** Where a library card inserts its LoRA or embedding: the prompt editor's last cursor. */
  readonly promptCursor: PromptCursor | null
  setPromptCursor(cursor: PromptCursor): void
  /**
   * Inserts a LoRA tag or an embedding name at the last cursor (as one undo step), or at the end
   * of the prompt its preset is meant for when neither box was used yet.
   */
  insertExtraNetwork(preset: LoraPreset | EmbeddingPreset): void
}

export interface WorkbenchPrefs {
  readonly adetailerOpen: boolean
  readonly sizeFamily: SizeFamily
}

export interface PrefsSlice {
  readonly prefs: WorkbenchPrefs
  setPref<K extends keyof WorkbenchPrefs>(key: K, value: WorkbenchPrefs[K]): void
}

/** What the user lets a submit do with input images. */
export interface InputOptionsDraft {
  readonly allowResize: boolean
  /** The user's choice for one profile; any other profile (or none chosen) follows its storage setting. */
  readonly keepUploads: { readonly profileId: string; readonly keep: boolean } | null
}

/** An earlier task loaded into the workbench ("send to", re-run): parameters and input images. */
export interface TaskLoad {
  readonly mode: WorkbenchMode
  /** Laid over the defaults; the other modes' own settings stay as they are unless it names them. */
  readonly patch: unknown
  /** Undefined keeps the current one (a text2image task has no input images to restore). */
  readonly source?: PickedImage | null
  readonly maskImage?: PickedImage | null
  /** Per unit of the loaded draft; missing entries are null. */
  readonly controlImages?: readonly (PickedImage | null)[]
  /** Generate once the workbench shows it (a re-run), through the usual checks and dialogs. */
  readonly generate: boolean
}

/**
 * The mode and its input images. localStorage keeps only what each slot refers to (a cache key,
 * a result, a link: slot-persistence.ts), never the pixels, which can be megabytes; the previews
 * are read back from the image cache after a reload or a restart.
 */
export interface InputsSlice {
  readonly mode: WorkbenchMode
  readonly source: PickedImage | null
  readonly mask: MaskDocument
  /** A mask kept from an earlier task (a PNG in the cache), used until the user paints a new one. */
  readonly maskImage: PickedImage | null
  /** Index-aligned with `draft.controlnet.units`; null = the unit uses the source (base image). */
  readonly controlImages: readonly (PickedImage | null)[]
  readonly inputOptions: InputOptionsDraft
  /** A re-run waiting for the workbench to generate. */
  readonly pendingGenerate: boolean
  setMode(mode: WorkbenchMode): void
  setSource(image: PickedImage | null): void
  setMask(mask: MaskDocument): void
  setMaskImage(image: PickedImage | null): void
  setControlNet(next: {
    readonly units: readonly ControlNetUnitSettings[]
    readonly images: readonly (PickedImage | null)[]
  }): void
  setInputOption<K extends keyof InputOptionsDraft>(key: K, value: InputOptionsDraft[K]): void
  loadTask(load: TaskLoad): void
  /** Answers whether a re-run is waiting, and clears the flag. */
  takePendingGenerate(): boolean
}

export type WorkbenchState = DraftSlice & SeedSlice & AssetsSlice & PrefsSlice & InputsSlice

export type WorkbenchSlice<T> = StateCreator<WorkbenchState, [['zustand/persist', unknown]], [], T>
