import { create } from 'zustand'
import type {
  ErrorShape,
  ModelFamily,
  Preset,
  PresetKind,
  PresetPage,
  PresetsStorageStatus,
  PresetSyncReport,
  PromptStyle,
} from '#contract'
import { BridgeError, type Client } from '../../bridge'

/** The library screen's tabs: one per preset kind, plus the prompt styles. */
export const presetTabs = ['checkpoint', 'vae', 'lora', 'embedding', 'styles'] as const
export type PresetTab = (typeof presetTabs)[number]

export type EditorState =
  { readonly mode: 'create'; readonly kind: PresetKind } | { readonly mode: 'edit'; readonly preset: Preset }

/** Something the screen tells the user; `key` and `values` are localised when shown. */
export interface Notice {
  readonly tone: 'info' | 'error'
  readonly key: string
  readonly values?: Readonly<Record<string, string | number>>
  readonly error?: ErrorShape
}

export interface UndoEntry {
  readonly id: string
  readonly name: string
}

export const pageSize = 100

interface PresetsState {
  readonly tab: PresetTab
  readonly text: string
  readonly tag: string
  readonly family: ModelFamily | ''
  readonly favouriteOnly: boolean
  readonly limit: number
  /** The last page main answered for the filters above. */
  readonly page: PresetPage | null
  readonly styles: readonly PromptStyle[]
  readonly storage: PresetsStorageStatus | null
  readonly editor: EditorState | null
  readonly undo: UndoEntry | null
  readonly notice: Notice | null
  readonly syncReport: PresetSyncReport | null
  readonly busy: boolean
  setTab(tab: PresetTab): void
  setText(text: string): void
  setTag(tag: string): void
  setFamily(family: ModelFamily | ''): void
  setFavouriteOnly(on: boolean): void
  showMore(): void
  openEditor(editor: EditorState | null): void
  setUndo(undo: UndoEntry | null): void
  setNotice(notice: Notice | null): void
  setSyncReport(report: PresetSyncReport | null): void
  setBusy(busy: boolean): void
  /** Reloads what the current tab shows; answers to older requests are dropped. */
  reload(client: Client): Promise<void>
  loadStorageStatus(client: Client): Promise<void>
}

export const toErrorShape = (error: unknown): ErrorShape =>
  error instanceof BridgeError ? error.shape : { code: 'internal', message: String(error) }

let requestSeq = 0

/** UI state of the preset library screen; the presets themselves live in main and come in pages. */
export const usePresetsStore = create<PresetsState>()((set, get) => ({
  tab: 'checkpoint',
  text: '',
  tag: '',
  family: '',
  favouriteOnly: false,
  limit: pageSize,
  page: null,
  styles: [],
  storage: null,
  editor: null,
  undo: null,
  notice: null,
  syncReport: null,
  busy: false,
  setTab: (tab) => set({ tab, tag: '', limit: pageSize, editor: null }),
  setText: (text) => set({ text, limit: pageSize }),
  setTag: (tag) => set({ tag, limit: pageSize }),
  setFamily: (family) => set({ family, limit: pageSize }),
  setFavouriteOnly: (favouriteOnly) => set({ favouriteOnly, limit: pageSize }),
  showMore: () => set((state) => ({ limit: state.limit + pageSize })),
  openEditor: (editor) => set({ editor }),
  setUndo: (undo) => set({ undo }),
  setNotice: (notice) => set({ notice }),
  setSyncReport: (syncReport) => set({ syncReport }),
  setBusy: (busy) => set({ busy }),
  async reload(client) {
    const seq = (requestSeq += 1)
    const { tab, text, tag, family, favouriteOnly, limit } = get()
    try {
      if (tab === 'styles') {
        const { items } = await client.call('presets.listStyles', { text })
        if (seq === requestSeq) set({ styles: items })
        return
      }
      const page = await client.call('presets.list', {
        kind: tab,
        text,
        ...(tag ? { tag } : {}),
        ...(family ? { family } : {}),
        favouriteOnly,
        offset: 0,
        limit,
      })
      if (seq === requestSeq) set({ page })
    } catch (error) {
      if (seq === requestSeq)
        set({ notice: { tone: 'error', key: 'presets.notice.loadFailed', error: toErrorShape(error) } })
    }
  },
  async loadStorageStatus(client) {
    try {
      set({ storage: await client.call('presets.status', {}) })
    } catch (error) {
      set({ notice: { tone: 'error', key: 'presets.notice.loadFailed', error: toErrorShape(error) } })
    }
  },
}))

export const selectFilters = (state: PresetsState) => ({
  tab: state.tab,
  text: state.text,
  tag: state.tag,
  family: state.family,
  favouriteOnly: state.favouriteOnly,
  limit: state.limit,
})
export const selectPage = (state: PresetsState) => state.page
export const selectStyles = (state: PresetsState) => state.styles
export const selectEditor = (state: PresetsState) => state.editor
export const selectNotice = (state: PresetsState) => state.notice
export const selectUndo = (state: PresetsState) => state.undo
export const selectSyncReport = (state: PresetsState) => state.syncReport
export const selectStorage = (state: PresetsState) => state.storage
export const selectBusy = (state: PresetsState) => state.busy
