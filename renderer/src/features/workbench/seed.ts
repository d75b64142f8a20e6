import { text2ImageLimits } from '#contract'
import type { SeedMode } from './store-types'

/** -1 means "a new random seed for each task", as in A1111 and the API. */
export const randomSeed = -1

/** The mode a seed value implies: -1 is random, anything else fixed, unless it is the reused last seed. */
export function inferSeedMode(seed: number, mode: SeedMode, lastSeed: number | null): SeedMode {
  if (mode === 'reuse' && seed === (lastSeed ?? randomSeed)) return 'reuse'
  return seed === randomSeed ? 'random' : 'fixed'
}

/** A concrete seed for "fixed" when there is none yet. */
export const rollSeed = () => Math.floor(Math.random() * text2ImageLimits.seed.max)
