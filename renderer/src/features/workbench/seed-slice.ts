import { commitDraft } from './draft-slice'
import { randomSeed, rollSeed } from './seed'
import type { SeedSlice, WorkbenchSlice } from './store-types'

export const createSeedSlice: WorkbenchSlice<SeedSlice> = (set) => ({
  seedMode: 'random',
  lastSeed: null,
  setSeedMode: (mode) =>
    set((state) => {
      const current = state.draft.seed
      const seed =
        mode === 'random'
          ? randomSeed
          : mode === 'reuse'
            ? (state.lastSeed ?? randomSeed)
            : current !== randomSeed
              ? current
              : (state.lastSeed ?? rollSeed())
      if (seed === current) return { seedMode: mode }
      return { ...commitDraft(state, { ...state.draft, seed }, null, mode), seedMode: mode }
    }),
  setSeed: (seed) => set((state) => commitDraft(state, { ...state.draft, seed }, 'seed')),
  setLastSeed: (seed) =>
    set((state) =>
      // Following the last seed is not a user edit, so it makes no undo step.
      state.seedMode === 'reuse' ? { lastSeed: seed, draft: { ...state.draft, seed } } : { lastSeed: seed },
    ),
  randomizeSeed: () =>
    set((state) => commitDraft(state, { ...state.draft, seed: randomSeed }, null, 'random')),
  recycleLastSeed: () =>
    set((state) =>
      state.lastSeed === null
        ? {}
        : commitDraft(state, { ...state.draft, seed: state.lastSeed }, null, 'fixed'),
    ),
})
