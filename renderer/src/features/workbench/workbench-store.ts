import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { createDraftSlice } from './draft-slice'
import { createInputsSlice } from './inputs-slice'
import { createAssetsSlice, createPrefsSlice } from './options-slices'
import { workbenchPersistOptions } from './persistence'
import { createSeedSlice } from './seed-slice'
import type { WorkbenchState } from './store-types'

/**
 * Builds a workbench store: the slices joined, `persist` on the combined store only. The app uses
 * the one below; tests build their own to check restoring from storage.
 */
export const createWorkbenchStore = (storage?: () => Storage) =>
  create<WorkbenchState>()(
    persist(
      (...args) => ({
        ...createDraftSlice(...args),
        ...createSeedSlice(...args),
        ...createAssetsSlice(...args),
        ...createPrefsSlice(...args),
        ...createInputsSlice(...args),
      }),
      workbenchPersistOptions(storage),
    ),
  )

export type WorkbenchStore = ReturnType<typeof createWorkbenchStore>

export const useWorkbenchStore: WorkbenchStore = createWorkbenchStore()
