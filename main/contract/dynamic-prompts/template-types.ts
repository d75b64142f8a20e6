/*
 * The parsed shape of a dynamic-prompt template (sd-dynamic-prompts syntax, docs/SYNTAX.md): a
 * sequence of literal text, `{…|…}` variants and `__name__` wildcards. A leaf file, so the parser,
 * the expanders and the editor's highlighter share it without import cycles.
 */

export interface TextNode {
  readonly kind: 'text'
  readonly text: string
}

export interface WildcardNode {
  readonly kind: 'wildcard'
  /** As written between the underscores: `colours`, `dir/name`, `dir/*`. */
  readonly name: string
  /** Offsets of the whole `__name__` in the text it was parsed from. */
  readonly start: number
  readonly end: number
}

export interface VariantOption {
  /** Relative weight for random mode (`0.5::a`); 1 when not written. Combinatorial mode ignores it. */
  readonly weight: number
  readonly body: Sequence
}

export interface VariantNode {
  readonly kind: 'variant'
  readonly options: readonly VariantOption[]
  /** How many options one expansion joins (`{2$$…}`, `{1-3$$…}`); both 1 when not written. */
  readonly min: number
  /** `Infinity` for an open upper bound (`{1-$$…}`): as many as there are options. */
  readonly max: number
  /** Joins the chosen options (`{2$$ and $$…}`); `, ` when not written. */
  readonly separator: string
  readonly start: number
  readonly end: number
}

export type TemplateNode = TextNode | WildcardNode | VariantNode
export type Sequence = readonly TemplateNode[]

export const dynamicPromptErrorCodes = [
  'unclosed_variant',
  'unexpected_close',
  'unknown_wildcard',
  'wildcard_cycle',
  'too_deep',
] as const
export type DynamicPromptErrorCode = (typeof dynamicPromptErrorCodes)[number]

/**
 * A template that cannot be expanded. `position` is the offset in the template the user typed
 * (for a problem inside a wildcard file, the offset of the outermost `__name__` that led there);
 * `wildcard` names the wildcard involved, `chain` the path of wildcards for a cycle.
 */
export class DynamicPromptError extends Error {
  constructor(
    readonly code: DynamicPromptErrorCode,
    message: string,
    readonly position: number,
    readonly wildcard?: string,
    readonly chain?: readonly string[],
  ) {
    super(message)
    this.name = 'DynamicPromptError'
  }
}

/**
 * Where wildcard values come from (the wildcards folder in main, a fixture in tests). Names are
 * `/`-separated paths without the `.txt`, e.g. `colours` or `people/africa`.
 */
export interface WildcardLookup {
  /** The option lines of one wildcard, comments and blank lines already left out; undefined if absent. */
  values(name: string): readonly string[] | undefined
  /** Every wildcard name, for globs (`__dir/*__`). */
  names(): readonly string[]
}
