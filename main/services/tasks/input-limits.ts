/**
 * What the app sends the service as an input image (source, mask, control image). The contract
 * documents no limits (shared/api/img-open-api.md §0, §9, §11), so these are the ones it implies:
 * - `maxSide` 2048 px: A1111's UI caps width and height at 2048, and text2image v3 documents
 *   128–2048 for its sizes (§2); a larger source is scaled down by the service anyway.
 * - `maxBytes` 8 MiB: what the simulator downloads (sim-source-image.ts), below the 10 MiB that
 *   common API gateways accept per fetched object, and a 2048² photo as JPEG fits easily.
 * Over a limit the submit is refused (`image_too_large`) unless the user allowed resizing.
 */
export const inputImageLimits = {
  maxSide: 2048,
  maxBytes: 8 * 1024 * 1024,
  /** JPEG quality when a photo has to be re-encoded to fit `maxBytes` (masks are never JPEG). */
  jpegQuality: 90,
  /** A pasted URL is copied here for re-runs; a copy larger than this is not kept. */
  maxCopyBytes: 32 * 1024 * 1024,
  /** How long fetching that copy may take before the submit goes on without it. */
  copyDeadlineMs: 20_000,
} as const
