/*
 * Limits with no schema around them, in a module that loads no zod: the CLI names them in its
 * help, which must answer without loading the contract's schemas.
 */

/** The most a page may hold: the history is read in pages, never as a whole table. */
export const historyPageLimit = 500

export const dynamicPromptLimits = { maxCount: 1000 } as const
