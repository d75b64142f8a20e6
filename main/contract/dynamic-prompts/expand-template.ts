import { createCombinatorial, createCounter } from './combinatorial'
import { parseTemplate } from './parse-template'
import { createRandom, seededRandom } from './random'
import type { WildcardLookup } from './template-types'
import { createWildcardResolver, topScope } from './wildcard-scope'

export const dynamicPromptModes = ['combinatorial', 'random'] as const
export type DynamicPromptMode = (typeof dynamicPromptModes)[number]

export interface ExpandOptions {
  readonly mode: DynamicPromptMode
  /** Combinatorial: at most this many, the first in order. Random: exactly this many. */
  readonly count: number
  /** Random mode's seed: the same seed gives the same prompts. 0 when not given. */
  readonly seed?: number
  readonly wildcards?: WildcardLookup
}

export interface Expansion {
  /** The expanded prompts, in order. */
  readonly prompts: string[]
  /** How many distinct combinations the template has (a float, possibly Infinity). */
  readonly total: number
}

/**
 * Expands a dynamic-prompt template (sd-dynamic-prompts syntax). Throws DynamicPromptError, with
 * the offset in `template`, for an unbalanced brace, an unknown wildcard or a wildcard loop.
 */
export function expandTemplate(template: string, options: ExpandOptions): Expansion {
  const nodes = parseTemplate(template)
  const resolver = createWildcardResolver(options.wildcards)
  const total = createCounter(resolver).sequence(nodes, topScope)
  const count = Math.max(0, Math.floor(options.count))
  if (options.mode === 'combinatorial') {
    const prompts = count === 0 ? [] : createCombinatorial(resolver).sequence(nodes, topScope, count)
    return { prompts, total }
  }
  const random = createRandom(resolver, seededRandom(options.seed ?? 0))
  return { prompts: Array.from({ length: count }, () => random.sequence(nodes, topScope)), total }
}
