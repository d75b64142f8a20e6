import type { StorageConfig } from '#contract'

/** An object an upload made, for deleting it once its task has ended. */
export interface StoredObject {
  readonly bucket: string
  readonly key: string
}

/** Where a profile's local input images go, as the UI describes it before the first upload. */
export type ImageHostDescription =
  | { readonly kind: 's3'; readonly config: StorageConfig }
  /** The demo profile: its simulator keeps uploads in memory on this computer. */
  | { readonly kind: 'demo' }

export interface UploadedImage {
  /** A link the service can fetch (presigned GET for S3). */
  readonly url: string
  /** When the link stops working (ms since epoch); null when it does not expire. */
  readonly urlExpiresAt: number | null
  readonly object: StoredObject
}

/**
 * Uploads local input images for one profile so the service can fetch them by URL (issue 7,
 * contract §0). Nothing is uploaded for a profile without storage: `describe` answers null and
 * `upload` throws `image_storage_needed`. Failures are AppErrors: image_storage_auth,
 * image_storage_unreachable, keys_needed, keychain_*.
 */
export interface InputImageHost {
  describe(profileId: string): Promise<ImageHostDescription | null>
  upload(
    profileId: string,
    image: { readonly bytes: Uint8Array; readonly contentType: string; readonly sha256: string },
    /** `urlExpirySeconds`: the link's lifetime instead of the profile's (S3 only; demo links do not expire). */
    options?: { readonly signal?: AbortSignal; readonly urlExpirySeconds?: number },
  ): Promise<UploadedImage>
  /** Deletes an uploaded object; a missing object is not an error. `signal` cancels the call. */
  remove(profileId: string, object: StoredObject, options?: { readonly signal?: AbortSignal }): Promise<void>
}
