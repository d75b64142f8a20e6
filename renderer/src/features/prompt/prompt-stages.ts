import { findPromptComments } from './comments'
import { splitAndPrompts, type SubPrompt } from './composable'
import { findExtraNetworks, type ExtraNetworkTag } from './extra-networks'
import { skippedBy, sourceRange, visibleText, type TextView } from './text-view'
import type { PromptToken, PromptTokenKind, SubPromptSpan } from './tokenize'

/*
 * The stages A1111 goes through before it reads schedules and weights, in its order: comments are
 * removed, then extra-network tags, then the positive prompt is split on AND. Each stage marks what
 * it finds and flags it in `skipped` (one entry per character of the prompt) for the later ones.
 */

/** Comments, and the line breaks A1111 removes with some of them. Returns whether there are any. */
export function addCommentTokens(text: string, skipped: Uint8Array, tokens: PromptToken[]): boolean {
  const { comments, removed } = findPromptComments(text)
  for (const comment of comments) tokens.push({ kind: 'comment', ...comment })
  for (const range of removed) skipped.fill(skippedBy.comment, range.from, range.to)
  return comments.length > 0
}

const networkKinds: Record<string, PromptTokenKind> = { lora: 'lora', lyco: 'lyco', hypernet: 'hypernet' }

function tagInPrompt(view: TextView, tag: ExtraNetworkTag): ExtraNetworkTag {
  const name = { ...sourceRange(view, tag.name.from, tag.name.to), text: tag.name.text }
  const inPrompt: ExtraNetworkTag = { ...tag, ...sourceRange(view, tag.from, tag.to), name }
  if (tag.weight !== undefined)
    inPrompt.weight = { ...sourceRange(view, tag.weight.from, tag.weight.to), value: tag.weight.value }
  return inPrompt
}

/** Extra-network tags, looked for where A1111 looks: in the prompt without its comments. */
export function addNetworkTokens(
  text: string,
  skipped: Uint8Array,
  commented: boolean,
  tokens: PromptToken[],
): ExtraNetworkTag[] {
  if (!text.includes('<')) return []
  const view = visibleText(text, commented ? skipped : null)
  const found = findExtraNetworks(view.text)
  const networks = commented ? found.map((tag) => tagInPrompt(view, tag)) : found
  for (const tag of networks) {
    for (let index = tag.from; index < tag.to; index += 1) {
      if (skipped[index] === 0) skipped[index] = skippedBy.network
    }
    tokens.push({ kind: networkKinds[tag.type.toLowerCase()] ?? 'extra-network', from: tag.from, to: tag.to })
    if (tag.name.to > tag.name.from) tokens.push({ kind: 'network-name', ...tag.name })
    if (tag.weight !== undefined) tokens.push({ kind: 'network-weight', ...tag.weight })
  }
  return networks
}

/** The sub-prompts of `view`: the positive prompt is split on AND, the negative one never is. */
export function subPromptsOf(view: TextView, composable: boolean): SubPrompt[] {
  if (composable) return splitAndPrompts(view.text)
  const { text } = view
  return [{ from: 0, to: text.length, text, textTo: text.length, weight: 1 }]
}

/**
 * Marks the AND before `part` and the part's weight suffix. Returns the part in prompt offsets
 * (`span`, from after one AND to the next) and the range of its text, which A1111 reads on its own.
 */
export function addSubPromptTokens(
  text: string,
  view: TextView,
  part: SubPrompt,
  skipped: Uint8Array,
  tokens: PromptToken[],
): { span: SubPromptSpan; textRange: { from: number; to: number } } {
  const mark = (kind: PromptTokenKind, from: number, to: number) => {
    const range = sourceRange(view, from, to)
    tokens.push({ kind, ...range })
    skipped.fill(skippedBy.syntax, range.from, range.to)
  }
  if (part.from > 0) mark('and', part.from - 3, part.from)
  if (part.weightSpan !== undefined) mark('subprompt-weight', part.weightSpan.from, part.weightSpan.to)
  const span = {
    from: part.from === 0 ? 0 : view.toSource(part.from - 1) + 1,
    to: part.to === view.text.length ? text.length : view.toSource(part.to),
    weight: part.weight,
  }
  return { span, textRange: sourceRange(view, part.from, part.textTo) }
}
