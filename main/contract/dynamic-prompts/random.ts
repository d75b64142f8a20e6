import type { Sequence, TemplateNode, VariantNode } from './template-types'
import type { Choices, Scope, WildcardResolver } from './wildcard-scope'

/*
 * Random mode: each prompt draws its own choices from one seeded generator, so the same template,
 * wildcards and seed give the same prompts on every machine (no Math.random).
 */

/** mulberry32: small, fast and well distributed enough for choosing prompt words. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/** Picks `count` distinct indices, each with probability by weight among those left (all equal if no weight is positive). */
function pickWeighted(weights: readonly number[], count: number, random: () => number): number[] {
  const left = weights.map((weight, index) => ({ weight: weight > 0 ? weight : 0, index }))
  const picked: number[] = []
  while (picked.length < count && left.length > 0) {
    const total = left.reduce((sum, entry) => sum + entry.weight, 0)
    let at = 0
    if (total > 0) {
      let roll = random() * total
      while (at < left.length - 1 && roll >= (left[at]?.weight ?? 0)) roll -= left[at++]?.weight ?? 0
      // Float rounding can leave the roll past the last positive weight; never choose a zero weight.
      while (at > 0 && (left[at]?.weight ?? 0) === 0) at -= 1
    } else at = Math.floor(random() * left.length)
    const [entry] = left.splice(at, 1)
    if (entry) picked.push(entry.index)
  }
  return picked
}

export function createRandom(resolver: WildcardResolver, random: () => number) {
  function sequence(nodes: Sequence, scope: Scope): string {
    let text = ''
    for (const item of nodes) text += node(item, scope)
    return text
  }

  function choose({ options, scope }: Choices, count: number, separator: string): string {
    if (count === 1 && options.every((option) => option.weight === 1)) {
      // The common case, `{a|b|c}` or `__name__`: one uniform draw, no bookkeeping.
      const option = options[Math.floor(random() * options.length)]
      return option ? sequence(option.body, scope) : ''
    }
    const picked = pickWeighted(
      options.map((option) => option.weight),
      count,
      random,
    )
    return picked
      .map((index) => {
        const option = options[index]
        return option ? sequence(option.body, scope) : ''
      })
      .join(separator)
  }

  function variant(item: VariantNode, scope: Scope): string {
    const choices = resolver.variantOptions(item, scope)
    const top = Math.min(item.max, choices.options.length)
    const low = Math.min(item.min, top)
    const count = low + Math.floor(random() * (top - low + 1))
    return choose(choices, count, item.separator)
  }

  function node(item: TemplateNode, scope: Scope): string {
    if (item.kind === 'text') return item.text
    if (item.kind === 'wildcard') return choose(resolver.values(item, scope), 1, '')
    return variant(item, scope)
  }

  return { sequence }
}
