import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { StorageConfig } from '#contract'
import { uploadDestinationKey } from './upload-gate'

export const uploadConsentsStorageKey = 'img-open.upload-consents'

/** How many destinations are remembered (the oldest ones ask again). */
const maxConsents = 50
/** Longer than any real key (an id, an endpoint, a region, a bucket and a prefix): a hand edit. */
const maxKeyLength = 2000

interface UploadConsentsState {
  /** `uploadDestinationKey`s of the destinations the user agreed to upload local images to. */
  readonly consents: readonly string[]
  consentTo(profileId: string, storage: StorageConfig): void
}

interface PersistedConsents {
  readonly consents: readonly string[]
}

/** What still looks like a consent key in whatever storage holds; anything else is dropped. */
function restoreConsents(value: unknown): PersistedConsents {
  const stored = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const consents = Array.isArray(stored.consents) ? stored.consents : []
  return {
    consents: consents
      .filter((key): key is string => typeof key === 'string' && key.length <= maxKeyLength)
      .slice(-maxConsents),
  }
}

/**
 * The upload consents, shared by everything that may send local images out (Generate, the
 * ControlNet preview) and kept across restarts. Workbench state before version 3 kept them per
 * profile and bucket; those do not name the destination, so they are not carried over.
 */
export function createUploadConsentsStore(storage: () => Storage = () => localStorage) {
  return create<UploadConsentsState>()(
    persist(
      (set) => ({
        consents: [],
        consentTo: (profileId, destination) =>
          set((state) => {
            const key = uploadDestinationKey(profileId, destination)
            if (state.consents.includes(key)) return {}
            return { consents: [...state.consents, key].slice(-maxConsents) }
          }),
      }),
      {
        name: uploadConsentsStorageKey,
        version: 1,
        storage: createJSONStorage(storage),
        partialize: (state): PersistedConsents => ({ consents: state.consents }),
        migrate: (persisted) => restoreConsents(persisted),
        merge: (persisted, current) => ({ ...current, ...restoreConsents(persisted) }),
      },
    ),
  )
}

export const useUploadConsents = createUploadConsentsStore()
