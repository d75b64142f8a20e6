import { scanAttention, type AttentionSegment, type BracketEvent } from './attention'
import type { ExtraNetworkTag } from './extra-networks'
import { addCommentTokens, addNetworkTokens, addSubPromptTokens, subPromptsOf } from './prompt-stages'
import { addScheduleTokens } from './schedule-tokens'
import { visibleText } from './text-view'

/** Every kind of span the highlighter styles; `unbalanced` marks a bracket or brace with no partner. */
export const promptTokenKinds = [
  'emphasis-open',
  'emphasis-close',
  'de-emphasis-open',
  'de-emphasis-close',
  'weight',
  'weight-invalid',
  'escape',
  'break',
  'schedule-bracket',
  'schedule-colon',
  'schedule-when',
  'schedule-from',
  'schedule-to',
  'alternate-bracket',
  'alternate-bar',
  'lora',
  'lyco',
  'hypernet',
  'extra-network',
  'network-name',
  'network-weight',
  'embedding',
  'brace',
  'unbalanced',
  'invalid',
  'comment',
  'and',
  'subprompt-weight',
] as const
export type PromptTokenKind = (typeof promptTokenKinds)[number]

export interface PromptToken {
  kind: PromptTokenKind
  from: number
  to: number
}

export interface PromptAnalysis {
  /** Sorted by `from`; a span may contain others (a schedule part holds its words). */
  tokens: PromptToken[]
  /** Offsets of brackets and braces left without a partner (marked, never fixed). */
  unbalanced: number[]
  /** Text pieces with the weight A1111 gives them, schedule syntax and network tags left out. */
  segments: AttentionSegment[]
  networks: ExtraNetworkTag[]
  /** The parts the prompt is split into at each AND, in order; always at least one. */
  subPrompts: SubPromptSpan[]
}

/** A sub-prompt: from after one AND to the next (or an end of the prompt), with its guidance weight. */
export interface SubPromptSpan {
  from: number
  to: number
  weight: number
}

export interface AnalyzeOptions {
  /** Embedding names, lower-cased (A1111 matches them through the case-folding CLIP tokenizer). */
  embeddings?: ReadonlySet<string>
  /** False for a negative prompt: A1111 splits only the positive prompt on AND. Default true. */
  composable?: boolean
}

const wordPattern = /[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*/gu

/**
 * Reads a prompt for the editor, in A1111's order: comments and extra-network tags are cut out, the
 * prompt is split on AND, and each sub-prompt is read on its own: its schedule syntax is found (the
 * brackets, colons, bars and step numbers are removed by A1111 before weighing), then its emphasis
 * brackets are weighed. Linear in the prompt's length.
 */
export function analyzePrompt(text: string, options: AnalyzeOptions = {}): PromptAnalysis {
  const tokens: PromptToken[] = []
  const skipped = new Uint8Array(text.length)
  const isSkipped = (index: number) => skipped[index] !== 0
  const commented = addCommentTokens(text, skipped, tokens)
  const networks = addNetworkTokens(text, skipped, commented, tokens)
  const view = visibleText(text, commented || networks.length > 0 ? skipped : null)
  const subPrompts: SubPromptSpan[] = []
  const segments: AttentionSegment[] = []
  const brackets: BracketEvent[] = []
  for (const part of subPromptsOf(view, options.composable ?? true)) {
    const { span, textRange } = addSubPromptTokens(text, view, part, skipped, tokens)
    subPrompts.push(span)
    addScheduleTokens(text, view, { from: part.from, to: part.textTo }, skipped, tokens)
    const attention = scanAttention(text, isSkipped, textRange.from, textRange.to)
    for (const segment of attention.segments) segments.push(segment)
    for (const bracket of attention.brackets) brackets.push(bracket)
  }
  const unbalanced = addAttentionTokens(text, brackets, segments, tokens)
  addBraceTokens(text, skipped, tokens, unbalanced)
  if (options.embeddings !== undefined && options.embeddings.size > 0) {
    addEmbeddingTokens(text, skipped, options.embeddings, tokens)
  }
  tokens.sort((a, b) => a.from - b.from || b.to - a.to)
  unbalanced.sort((a, b) => a - b)
  return { tokens, unbalanced, segments, networks, subPrompts }
}

/** The weight A1111 gives the character at `position`, or null for syntax that carries none. */
export function weightAt(analysis: PromptAnalysis, position: number): number | null {
  const { segments } = analysis
  let low = 0
  let high = segments.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const segment = segments[middle] as AttentionSegment
    if (segment.to <= position) low = middle + 1
    else if (segment.from > position) high = middle - 1
    else return segment.to > segment.from ? segment.weight : null
  }
  return null
}

const bracketKinds = {
  'open-round': 'emphasis-open',
  'close-round': 'emphasis-close',
  'open-square': 'de-emphasis-open',
  'close-square': 'de-emphasis-close',
  'close-weight': 'emphasis-close',
} as const satisfies Record<BracketEvent['kind'], PromptTokenKind>

function addAttentionTokens(
  text: string,
  brackets: BracketEvent[],
  segments: AttentionSegment[],
  tokens: PromptToken[],
): number[] {
  const unbalanced: number[] = []
  for (const event of brackets) {
    if (!event.matched) {
      unbalanced.push(event.from)
      tokens.push({ kind: 'unbalanced', from: event.from, to: event.to })
    } else if (event.number !== undefined) {
      const kind = Number.isNaN(event.number.value) ? 'weight-invalid' : 'weight'
      tokens.push({ kind, from: event.from, to: event.number.to })
      tokens.push({ kind: 'emphasis-close', from: event.to - 1, to: event.to })
    } else tokens.push({ kind: bracketKinds[event.kind], from: event.from, to: event.to })
  }
  for (const segment of segments) {
    const length = segment.to - segment.from
    if (text[segment.from] === '\\' && length > 0 && length <= 2 && segment.text.length <= 1) {
      tokens.push({ kind: 'escape', from: segment.from, to: segment.to })
    } else if (segment.text === 'BREAK' && segment.weight < 0) {
      const word = text.indexOf('BREAK', segment.from)
      tokens.push({ kind: 'break', from: word, to: word + 5 })
    }
  }
  return unbalanced
}

/** NovelAI's `{x}`: plain text to A1111, but the seed's prompts use it, so pairs are shown. */
function addBraceTokens(
  text: string,
  skipped: Uint8Array,
  tokens: PromptToken[],
  unbalanced: number[],
): void {
  if (!text.includes('{') && !text.includes('}')) return
  const open: number[] = []
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]
    if (skipped[index] !== 0 || (char !== '{' && char !== '}') || text[index - 1] === '\\') continue
    if (char === '{') open.push(index)
    else {
      const opener = open.pop()
      if (opener === undefined) unbalanced.push(index)
      else
        tokens.push(
          { kind: 'brace', from: opener, to: opener + 1 },
          { kind: 'brace', from: index, to: index + 1 },
        )
    }
  }
  unbalanced.push(...open)
  for (const index of unbalanced) {
    if (text[index] === '{' || text[index] === '}')
      tokens.push({ kind: 'unbalanced', from: index, to: index + 1 })
  }
}

function addEmbeddingTokens(
  text: string,
  skipped: Uint8Array,
  embeddings: ReadonlySet<string>,
  tokens: PromptToken[],
): void {
  // Only words of a length some name has are lower-cased and looked up: most words are skipped.
  const lengths = new Set<number>()
  for (const name of embeddings) lengths.add(name.length)
  wordPattern.lastIndex = 0
  for (let match = wordPattern.exec(text); match !== null; match = wordPattern.exec(text)) {
    const word = match[0]
    // Comments, tags and syntax are no words A1111 reads.
    if (!lengths.has(word.length) || skipped[match.index] !== 0) continue
    if (embeddings.has(word.toLowerCase())) {
      tokens.push({ kind: 'embedding', from: match.index, to: match.index + word.length })
    }
  }
}
