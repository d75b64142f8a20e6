import { createJSONStorage, type PersistOptions } from 'zustand/middleware'
import { sanitizeDraft, type ParamsDraft } from './draft'
import { isWorkbenchMode, type WorkbenchMode } from './modes'
import { defaultPrefs } from './options-slices'
import { randomSeed } from './seed'
import { alignImages } from './inputs-slice'
import { sizeFamilies } from './sizes'
import { restoreSlots, storedSlot, type Slots } from './slot-persistence'
import type { PickedImage } from '../sources'
import { seedModes, type SeedMode, type WorkbenchPrefs, type WorkbenchState } from './store-types'

export const workbenchStorageKey = 'img-open.workbench'
/**
 * Bump when the persisted shape changes; `migrate` must then read the older shape. 2: the mode,
 * the image modes' and ControlNet's settings in the draft, and the upload consents. 3: no upload
 * consents: they are kept per destination by the sources feature, and version 2's, per profile and
 * bucket only, are dropped so that the next upload asks again.
 */
export const workbenchStoreVersion = 3

/**
 * The draft (with every mode's settings), the mode, UI preferences and the image slots (as
 * references to cached images, results or links: never pixels) survive a restart; undo history,
 * server lists and the mask being painted do not.
 */
export interface PersistedWorkbench {
  readonly draft: ParamsDraft
  readonly seedMode: SeedMode
  readonly prefs: WorkbenchPrefs
  readonly mode: WorkbenchMode
  readonly slots: Slots
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const oneOf = <T>(values: readonly T[], value: unknown, fallback: T): T =>
  values.find((item) => item === value) ?? fallback

/**
 * Rebuilds the persisted part from whatever storage holds: an older version's entry, a hand-edited
 * one or garbage. What still fits is kept and the rest defaulted, so a bad entry never blocks start.
 */
export function restorePersisted(value: unknown): PersistedWorkbench & { slots: Slots<PickedImage> } {
  const stored = isRecord(value) ? value : {}
  const prefs = isRecord(stored.prefs) ? stored.prefs : {}
  return {
    draft: sanitizeDraft(stored.draft),
    seedMode: oneOf(seedModes, stored.seedMode, 'random'),
    prefs: {
      adetailerOpen:
        typeof prefs.adetailerOpen === 'boolean' ? prefs.adetailerOpen : defaultPrefs.adetailerOpen,
      sizeFamily: oneOf(sizeFamilies, prefs.sizeFamily, defaultPrefs.sizeFamily),
    },
    mode: isWorkbenchMode(stored.mode) ? stored.mode : 'text2image',
    slots: restoreSlots(stored.slots),
  }
}

/** `persist` options: localStorage, versioned, and only what `PersistedWorkbench` lists. */
export function workbenchPersistOptions(
  storage: () => Storage = () => localStorage,
): PersistOptions<WorkbenchState, PersistedWorkbench> {
  return {
    name: workbenchStorageKey,
    version: workbenchStoreVersion,
    storage: createJSONStorage(storage),
    partialize: (state) => ({
      draft: state.draft,
      seedMode: state.seedMode,
      prefs: state.prefs,
      mode: state.mode,
      slots: {
        source: storedSlot(state.source),
        maskImage: storedSlot(state.maskImage),
        controlImages: state.controlImages.map(storedSlot),
      },
    }),
    migrate: (persisted) => restorePersisted(persisted),
    merge: (persisted, current) => {
      const { slots, ...restored } = restorePersisted(persisted)
      // In reuse mode the saved seed is the last one used; keep following it after a restart.
      const reused = restored.seedMode === 'reuse' && restored.draft.seed !== randomSeed
      return {
        ...current,
        ...restored,
        lastSeed: reused ? restored.draft.seed : current.lastSeed,
        source: slots.source,
        maskImage: slots.maskImage,
        controlImages: alignImages(slots.controlImages, restored.draft.controlnet.units.length),
      }
    },
  }
}
