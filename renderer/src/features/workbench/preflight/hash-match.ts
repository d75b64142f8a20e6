/*
 * A1111 writes `Model hash: 1a2b3c4d5e` into its infotext: the "AutoV2" short hash, the first 10
 * hex digits of the file's SHA-256 (older versions wrote an 8-digit hash of a 64 KiB slice of the
 * file, which no SHA-256 gives back). A1111 resolves a checkpoint by that hash before its name
 * (`get_closet_checkpoint_match` looks the hash up among each file's aliases); this does the same
 * against the SHA-256 the server's model list gives (`modelHash`, kept on the synced presets).
 */

/** File name → lowercase hex SHA-256, for the files whose list gave one. */
export type HashIndex = Readonly<Record<string, string>>

export type HashMatch =
  | { readonly outcome: 'matched'; readonly fileName: string }
  /** The pre-2023 8-digit hash: not a prefix of any SHA-256, so only the name can match. */
  | { readonly outcome: 'legacy' }
  /** No synced file has a hash starting so (or no list gave hashes at all). */
  | { readonly outcome: 'none'; readonly listHasHashes: boolean }

const hexOnly = /^[0-9a-f]+$/

/**
 * The synced file whose SHA-256 the infotext's hash names: the full 64 digits, or the AutoV2 short
 * hash (10) and any longer prefix. Two files sharing the prefix are no match (A1111 would pick one
 * at random; a wrong checkpoint costs credits).
 */
export function matchModelHash(hash: string, index: HashIndex): HashMatch {
  const wanted = hash.trim().toLowerCase()
  const entries = Object.entries(index)
  if (wanted.length === 8 && hexOnly.test(wanted)) return { outcome: 'legacy' }
  if (wanted.length < 10 || !hexOnly.test(wanted))
    return { outcome: 'none', listHasHashes: entries.length > 0 }
  const found = entries.filter(([, sha]) => sha.startsWith(wanted))
  const only = found.length === 1 ? found[0] : undefined
  return only
    ? { outcome: 'matched', fileName: only[0] }
    : { outcome: 'none', listHasHashes: entries.length > 0 }
}

/** What a pasted infotext's `Model hash` did to the checkpoint field, for the paste notice. */
export interface ModelHashNote {
  readonly hash: string
  readonly match: HashMatch
}

/**
 * The checkpoint an infotext names, resolved as A1111 resolves it: by `Model hash` when a synced
 * model has that hash, else by the `Model` name as written (the pre-flight check then offers the
 * nearest names). `note` is null when the text has no hash.
 */
export function checkpointOfInfotext(
  model: string | undefined,
  unknown: Readonly<Record<string, string>>,
  index: HashIndex,
): { readonly checkpoint: string | undefined; readonly note: ModelHashNote | null } {
  const hash = unknown['Model hash']
  if (hash === undefined) return { checkpoint: model, note: null }
  const match = matchModelHash(hash, index)
  return { checkpoint: match.outcome === 'matched' ? match.fileName : model, note: { hash, match } }
}
