import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { dynamicPromptLimits, type DynamicPromptMode } from '#contract'

export type DynamicMode = 'off' | DynamicPromptMode

export interface DynamicPromptsState {
  readonly mode: DynamicMode
  /** Random: how many prompts. Combinatorial: at most this many, the first in order. */
  readonly count: number
  /** Random mode's seed, shared by the preview and Generate so what was previewed is what is sent. */
  readonly seed: number
  /** Bumped when the wildcards folder changes in Settings, so completion and preview read it again. */
  readonly wildcardsVersion: number
  wildcardsChanged(): void
  setMode(mode: DynamicMode): void
  setCount(count: number): void
  reroll(): void
}

const randomSeed = () => Math.floor(Math.random() * 2 ** 32)
const clampCount = (count: number) =>
  Number.isFinite(count) ? Math.min(dynamicPromptLimits.maxCount, Math.max(1, Math.round(count))) : 1

/** The Dynamic prompts control's choices: a UI preference, kept across restarts (the seed is not). */
export const useDynamicPrompts = create<DynamicPromptsState>()(
  persist(
    (set) => ({
      mode: 'off',
      count: 10,
      seed: randomSeed(),
      wildcardsVersion: 0,
      wildcardsChanged: () => set((state) => ({ wildcardsVersion: state.wildcardsVersion + 1 })),
      setMode: (mode) => set({ mode }),
      setCount: (count) => set({ count: clampCount(count) }),
      reroll: () => set({ seed: randomSeed() }),
    }),
    {
      name: 'img-open.dynamic-prompts',
      version: 1,
      partialize: (state) => ({ mode: state.mode, count: state.count }),
    },
  ),
)
