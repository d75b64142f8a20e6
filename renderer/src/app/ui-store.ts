import { create } from 'zustand'

/** In Ctrl/Cmd+1…6 order. */
export const views = ['workbench', 'presets', 'history', 'settings', 'tools', 'training'] as const
export type View = (typeof views)[number]
export type ConnectionStatus = 'connecting' | 'open' | 'closed'

interface UiState {
  readonly view: View
  readonly connection: ConnectionStatus
  showView(view: View): void
  setConnection(status: ConnectionStatus): void
}

/** Which screen is shown and whether the bridge is up; nothing here is domain data. */
export const useUiStore = create<UiState>()((set) => ({
  view: 'workbench',
  connection: 'connecting',
  showView: (view) => set({ view }),
  setConnection: (connection) => set({ connection }),
}))

export const selectView = (state: UiState) => state.view
export const selectConnection = (state: UiState) => state.connection
