import { commitDraft } from './draft-slice'
import { extraNetworkText, insertAt } from './prompt-insert'
import type { AssetOptions, AssetsSlice, PrefsSlice, WorkbenchPrefs, WorkbenchSlice } from './store-types'

const noAssets: AssetOptions = { checkpoints: [], vaes: [], loras: [], embeddings: [] }

const unique = (...lists: readonly (readonly string[])[]) => [
  ...new Set(lists.flat().filter((name) => name !== '')),
]

const mergeOrigins = (byOrigin: AssetsSlice['assetsByOrigin']): AssetOptions => ({
  checkpoints: unique(byOrigin.presets.checkpoints, byOrigin.server.checkpoints),
  vaes: unique(byOrigin.presets.vaes, byOrigin.server.vaes),
  loras: unique(byOrigin.presets.loras, byOrigin.server.loras),
  embeddings: unique(byOrigin.presets.embeddings, byOrigin.server.embeddings),
})

/** Names offered by the checkpoint/VAE fields and the prompt editor's completions; not persisted. */
export const createAssetsSlice: WorkbenchSlice<AssetsSlice> = (set) => ({
  promptCursor: null,
  setPromptCursor: (promptCursor) => set({ promptCursor }),
  insertExtraNetwork: (preset) =>
    set((state) => {
      const intended = preset.kind === 'embedding' && preset.embedding.intendedFor === 'negative'
      const field = state.promptCursor?.field ?? (intended ? 'negative_prompt' : 'prompt')
      const text = state.draft[field] ?? ''
      const at =
        state.promptCursor?.field === field ? state.promptCursor : { from: text.length, to: text.length }
      const next = insertAt(text, at.from, at.to, extraNetworkText(preset))
      return {
        ...commitDraft(state, { ...state.draft, [field]: next.text }, null),
        promptCursor: { field, from: next.cursor, to: next.cursor },
      }
    }),
  assetsByOrigin: { presets: noAssets, server: noAssets },
  assets: noAssets,
  missingOnServer: noAssets,
  setMissingOnServer: (missingOnServer) => set({ missingOnServer }),
  assetHashes: { checkpoints: {}, vaes: {}, loras: {}, embeddings: {} },
  setAssetHashes: (assetHashes) => set({ assetHashes }),
  setAssetOptions: (options, origin = 'server') =>
    set((state) => {
      const assetsByOrigin = {
        ...state.assetsByOrigin,
        [origin]: { ...state.assetsByOrigin[origin], ...options },
      }
      return { assetsByOrigin, assets: mergeOrigins(assetsByOrigin) }
    }),
})

export const defaultPrefs: WorkbenchPrefs = { adetailerOpen: false, sizeFamily: 512 }

export const createPrefsSlice: WorkbenchSlice<PrefsSlice> = (set) => ({
  prefs: defaultPrefs,
  setPref: (key, value) => set((state) => ({ prefs: { ...state.prefs, [key]: value } })),
})
