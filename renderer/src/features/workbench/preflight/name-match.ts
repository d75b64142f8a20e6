/*
 * How a name the user typed or pasted (A1111 infotext writes `Model: dreamshaper_8`, without the
 * extension) is matched to the names the server lists, as A1111 resolves a checkpoint: the exact
 * file name, then the name without its extension, then (our addition) a listed name that extends
 * it (`dreamshaper_8` → `dreamshaper_8_128713.safetensors`, a service that appends a model id) and
 * near spellings by edit distance.
 */

const extensions = /\.(safetensors|ckpt|pt|pth|bin)$/i

/** `Dreamshaper_8.safetensors` → `dreamshaper_8`: what two names of the same file share. */
export const stemOf = (name: string): string => name.trim().replace(extensions, '').toLowerCase()

/** Levenshtein distance, bounded: past `limit` the exact figure does not matter. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      row.push(value)
      best = Math.min(best, value)
    }
    if (best > limit) return limit + 1
    previous = row
  }
  return previous[b.length] ?? limit + 1
}

/** Whether `name` is one of `known` exactly (the service matches file names exactly). */
export const isKnown = (name: string, known: readonly string[]): boolean => known.includes(name.trim())

/**
 * Up to `max` known names nearest to `name`, best first: same stem, then a stem that extends it
 * or that it extends, then the closest spellings. Empty when nothing is near.
 */
export function nearestNames(name: string, known: readonly string[], max = 3): string[] {
  const stem = stemOf(name)
  if (stem === '') return []
  const limit = Math.max(2, Math.floor(stem.length / 4))
  const scored = known.flatMap((candidate) => {
    const other = stemOf(candidate)
    if (other === stem) return [{ candidate, score: 0 }]
    if (other.startsWith(stem) || stem.startsWith(other)) {
      const shorter = Math.min(other.length, stem.length)
      return shorter >= 3 ? [{ candidate, score: 1 + Math.abs(other.length - stem.length) / 100 }] : []
    }
    const d = distance(stem, other, limit)
    return d <= limit ? [{ candidate, score: 2 + d }] : []
  })
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((item) => item.candidate)
}
