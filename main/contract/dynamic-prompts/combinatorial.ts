import type { Sequence, TemplateNode, VariantNode } from './template-types'
import type { Choices, Scope, WildcardResolver } from './wildcard-scope'

/*
 * Combinatorial mode: every combination, in the order of nested loops (the first variant changes
 * slowest), stopping at `limit`. Each step keeps at most `limit` partial prompts, so a template
 * with billions of combinations costs no more than its first `limit`.
 */

/** The cross product of `lists`, joined with `separator`, first `limit` items. */
function product(lists: readonly (readonly string[])[], separator: string, limit: number): string[] {
  let results: string[] = ['']
  lists.forEach((parts, index) => {
    const glue = index === 0 ? '' : separator
    const next: string[] = []
    for (const prefix of results) {
      for (const part of parts) {
        next.push(prefix + glue + part)
        if (next.length >= limit) break
      }
      if (next.length >= limit) break
    }
    results = next
  })
  return results
}

/** The k-element index subsets of 0…n-1, in lexicographic order. */
function* combinations(n: number, k: number): Generator<readonly number[]> {
  const picked = Array.from({ length: k }, (_, index) => index)
  if (k > n) return
  for (;;) {
    yield picked
    let slot = k - 1
    while (slot >= 0 && picked[slot] === n - k + slot) slot -= 1
    if (slot < 0) return
    picked[slot] = (picked[slot] ?? 0) + 1
    for (let after = slot + 1; after < k; after += 1) picked[after] = (picked[after - 1] ?? 0) + 1
  }
}

export function createCombinatorial(resolver: WildcardResolver) {
  function sequence(nodes: Sequence, scope: Scope, limit: number): string[] {
    if (nodes.length === 1 && nodes[0]) return node(nodes[0], scope, limit)
    return product(
      nodes.map((item) => node(item, scope, limit)),
      '',
      limit,
    )
  }

  function options({ options: list, scope }: Choices, limit: number): string[] {
    const results: string[] = []
    for (const option of list) {
      for (const prompt of sequence(option.body, scope, limit - results.length)) results.push(prompt)
      if (results.length >= limit) break
    }
    return results
  }

  function variant(item: VariantNode, scope: Scope, limit: number): string[] {
    const { options: choices, scope: inner } = resolver.variantOptions(item, scope)
    const expanded = new Map<number, string[]>()
    const expansionsOf = (index: number) => {
      const known = expanded.get(index)
      if (known) return known
      const choice = choices[index]
      const made = choice ? sequence(choice.body, inner, limit) : []
      expanded.set(index, made)
      return made
    }
    const results: string[] = []
    const top = Math.min(item.max, choices.length)
    for (let size = Math.min(item.min, top); size <= top; size += 1) {
      for (const picked of combinations(choices.length, size)) {
        const made = product(picked.map(expansionsOf), item.separator, limit - results.length)
        for (const prompt of made) results.push(prompt)
        if (results.length >= limit) return results
      }
    }
    return results
  }

  function node(item: TemplateNode, scope: Scope, limit: number): string[] {
    if (item.kind === 'text') return [item.text]
    if (item.kind === 'wildcard') return options(resolver.values(item, scope), limit)
    return variant(item, scope, limit)
  }

  return { sequence }
}

/**
 * How many prompts combinatorial mode would make in all (a float: it may pass 2^53, or be
 * Infinity). A variant choosing k of options with c₁…cₙ expansions each has the elementary
 * symmetric sum e_k(c₁…cₙ) of them; the counts of its sizes add up.
 */
export function createCounter(resolver: WildcardResolver) {
  const byWildcard = new Map<string, number>()

  function sequence(nodes: Sequence, scope: Scope): number {
    let total = 1
    for (const item of nodes) total *= node(item, scope)
    return total
  }

  function options({ options: list, scope }: Choices): number {
    return list.reduce((sum, option) => sum + sequence(option.body, scope), 0)
  }

  function variant(item: VariantNode, scope: Scope): number {
    const choices = resolver.variantOptions(item, scope)
    const counts = choices.options.map((option) => sequence(option.body, choices.scope))
    const top = Math.min(item.max, counts.length)
    const sums: number[] = [1, ...Array.from({ length: top }, () => 0)]
    for (const count of counts) {
      for (let size = top; size >= 1; size -= 1)
        sums[size] = (sums[size] ?? 0) + (sums[size - 1] ?? 0) * count
    }
    let total = 0
    for (let size = Math.min(item.min, top); size <= top; size += 1) total += sums[size] ?? 0
    return total
  }

  function node(item: TemplateNode, scope: Scope): number {
    if (item.kind === 'text') return 1
    if (item.kind === 'variant') return variant(item, scope)
    const known = byWildcard.get(item.name)
    if (known !== undefined && !scope.chain.includes(item.name)) return known
    const count = options(resolver.values(item, scope))
    byWildcard.set(item.name, count)
    return count
  }

  return { sequence }
}
