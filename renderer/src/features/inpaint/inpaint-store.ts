import { create } from 'zustand'
import { brushSizeRange } from './mask-document'

export const painterTools = ['paint', 'erase', 'pan'] as const
export type PainterTool = (typeof painterTools)[number]

/**
 * The painter's brush settings. They live outside the component so that they survive switching
 * workbench modes (the painter unmounts) and apply to the next image too; the mask itself is the
 * caller's value.
 */
export interface InpaintState {
  tool: PainterTool
  /** Brush diameter in source pixels. */
  size: number
  /** The solid core's share of the brush radius, 0–1. */
  hardness: number
  setTool: (tool: PainterTool) => void
  setSize: (size: number) => void
  setHardness: (hardness: number) => void
  /** `[` and `]`: about 10% smaller or bigger, at least one pixel. */
  stepSize: (direction: -1 | 1) => void
  /** Shift+`[` and Shift+`]`: ten points softer or harder, on the slider's whole percents. */
  stepHardness: (direction: -1 | 1) => void
}

const hardnessStep = 0.1

const clampHardness = (hardness: number) => Math.min(1, Math.max(0, hardness))

const clampSize = (size: number) =>
  Math.min(brushSizeRange.max, Math.max(brushSizeRange.min, Math.round(size)))

export const initialBrush = { tool: 'paint', size: 48, hardness: 0.8 } as const satisfies Pick<
  InpaintState,
  'tool' | 'size' | 'hardness'
>

export const useInpaintStore = create<InpaintState>()((set) => ({
  ...initialBrush,
  setTool: (tool) => set({ tool }),
  setSize: (size) => set({ size: clampSize(size) }),
  setHardness: (hardness) => set({ hardness: clampHardness(hardness) }),
  stepSize: (direction) =>
    set(({ size }) => ({ size: clampSize(size + direction * Math.max(1, Math.round(size * 0.1))) })),
  stepHardness: (direction) =>
    set(({ hardness }) => ({
      hardness: clampHardness(Math.round((hardness + direction * hardnessStep) * 100) / 100),
    })),
}))

export const selectTool = (state: InpaintState) => state.tool
export const selectSize = (state: InpaintState) => state.size
export const selectHardness = (state: InpaintState) => state.hardness
