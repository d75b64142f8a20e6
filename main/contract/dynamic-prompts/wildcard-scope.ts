import { parseTemplate } from './parse-template'
import {
  DynamicPromptError,
  type Sequence,
  type VariantNode,
  type VariantOption,
  type WildcardLookup,
  type WildcardNode,
} from './template-types'

/*
 * Wildcard resolution shared by counting, combinatorial and random expansion: which values a
 * `__name__` stands for (globs merged), each parsed once, and the path of wildcards being expanded,
 * so a wildcard that reaches itself again is an error naming the loop instead of a stack overflow.
 */

/** Where the expander stands: the wildcards entered so far and the template offset that led there. */
export interface Scope {
  readonly chain: readonly string[]
  /** Offset in the typed template of the outermost wildcard entered; undefined at the top level. */
  readonly origin: number | undefined
}

export const topScope: Scope = { chain: [], origin: undefined }

/** Options to choose from, with the scope their bodies are expanded in. */
export interface Choices {
  readonly options: readonly VariantOption[]
  readonly scope: Scope
}

const globToPattern = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)

export interface WildcardResolver {
  /** The parsed values `node` stands for, each with the scope inside that wildcard. */
  values(node: WildcardNode, scope: Scope): Choices
  /** The options of a variant; `{2$$__name__}` chooses among the wildcard's values, without repeats. */
  variantOptions(node: VariantNode, scope: Scope): Choices
}

const noWildcards: WildcardLookup = { values: () => undefined, names: () => [] }

export function createWildcardResolver(lookup: WildcardLookup = noWildcards): WildcardResolver {
  const parsed = new Map<string, readonly Sequence[]>()
  // Random mode asks for the same wildcard thousands of times: answer from here after the first.
  const resolved = new Map<string, Choices>()

  function fileValues(name: string, scope: Scope, position: number): readonly Sequence[] {
    const cached = parsed.get(name)
    if (cached) return cached
    const lines = lookup.values(name) ?? []
    const values = lines.map((line) => {
      try {
        return parseTemplate(line)
      } catch (error) {
        if (!(error instanceof DynamicPromptError)) throw error
        throw new DynamicPromptError(
          error.code,
          `In wildcard "${name}", line "${line.slice(0, 80)}": ${error.message}`,
          position,
          name,
          scope.chain,
        )
      }
    })
    const result = values.length > 0 ? values : [[]]
    parsed.set(name, result)
    return result
  }

  function namesFor(node: WildcardNode, position: number, scope: Scope): readonly string[] {
    if (!node.name.includes('*')) {
      if (lookup.values(node.name) !== undefined) return [node.name]
    } else {
      const pattern = globToPattern(node.name)
      const matches = lookup
        .names()
        .filter((name) => pattern.test(name))
        .sort()
      if (matches.length > 0) return matches
    }
    throw new DynamicPromptError(
      'unknown_wildcard',
      `No wildcard file "${node.name}" in the wildcards folder.`,
      position,
      node.name,
      scope.chain,
    )
  }

  function values(node: WildcardNode, scope: Scope): Choices {
    const position = scope.origin ?? node.start
    const key = `${position}\u0000${scope.chain.join('\u0000')}\u0000${node.name}`
    const known = resolved.get(key)
    if (known) return known
    if (scope.chain.includes(node.name)) {
      const chain = [...scope.chain, node.name]
      throw new DynamicPromptError(
        'wildcard_cycle',
        `Wildcards refer to each other in a loop: ${chain.map((name) => `__${name}__`).join(' → ')}.`,
        position,
        node.name,
        chain,
      )
    }
    const inner: Scope = { chain: [...scope.chain, node.name], origin: position }
    const options = namesFor(node, position, scope).flatMap((name) =>
      fileValues(name, scope, position).map((body) => ({ weight: 1, body })),
    )
    const choices = { options, scope: inner }
    resolved.set(key, choices)
    return choices
  }

  function variantOptions(node: VariantNode, scope: Scope): Choices {
    const [only] = node.options
    const wildcard = node.options.length === 1 && only?.body.length === 1 ? only.body[0] : undefined
    if (wildcard?.kind === 'wildcard') return values(wildcard, scope)
    return { options: node.options, scope }
  }

  return { values, variantOptions }
}
