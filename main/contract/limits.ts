/*
 * Limits with no schema around them, in a module that loads no zod: the CLI names them in its
 * help, which must answer without loading the contract's schemas.
 */

/** The most a page may hold: the history is read in pages, never as a whole table. */
export const historyPageLimit = 500

export const dynamicPromptLimits = { maxCount: 1000 } as const

/** Presigned links live an hour unless the profile says otherwise (SigV4 allows up to 7 days). */
export const storageLimits = {
  urlExpirySeconds: { min: 60, max: 7 * 24 * 3600, default: 3600 },
  prefixMaxLength: 256,
} as const
