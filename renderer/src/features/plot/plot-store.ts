import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { defaultPlotConfirmAbove, type PlotAxisName, type PlotAxisType, type PlotRecord } from '#contract'

export interface PlotAxisDraft {
  /** null = the axis is not used (Y and Z only). */
  readonly type: PlotAxisType | null
  readonly values: string
}

export interface PlotState {
  readonly axes: Record<PlotAxisName, PlotAxisDraft>
  /** Above this many tasks, Start asks first (a preference; default 16). */
  readonly confirmAbove: number
  /** The plot started from this window, followed until its grid is composed. */
  readonly current: PlotRecord | null
  setAxis(axis: PlotAxisName, patch: Partial<PlotAxisDraft>): void
  setConfirmAbove(value: number): void
  setCurrent(record: PlotRecord | null): void
}

/** The plot panel's drafts and preference persist; the running plot does not (main keeps it). */
export const usePlotStore = create<PlotState>()(
  persist(
    (set) => ({
      axes: {
        x: { type: 'steps', values: '' },
        y: { type: null, values: '' },
        z: { type: null, values: '' },
      },
      confirmAbove: defaultPlotConfirmAbove,
      current: null,
      setAxis: (axis, patch) =>
        set((state) => ({ axes: { ...state.axes, [axis]: { ...state.axes[axis], ...patch } } })),
      setConfirmAbove: (confirmAbove) => set({ confirmAbove }),
      setCurrent: (current) => set({ current }),
    }),
    {
      name: 'img-open.plot',
      version: 1,
      partialize: (state) => ({ axes: state.axes, confirmAbove: state.confirmAbove }),
    },
  ),
)
