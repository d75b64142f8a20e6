import { scanAttention, type AttentionSegment, type BracketEvent } from './attention'
import { findExtraNetworks, type ExtraNetworkTag } from './extra-networks'
import { parseScheduleTree, type ScheduleNode } from './schedule-parser'

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
}

export interface AnalyzeOptions {
  /** Embedding names, lower-cased (A1111 matches them through the case-folding CLIP tokenizer). */
  embeddings?: ReadonlySet<string>
}

const skippedNetwork = 1
const skippedSyntax = 2
const networkKinds: Record<string, PromptTokenKind> = { lora: 'lora', lyco: 'lyco', hypernet: 'hypernet' }
const wordPattern = /[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*/gu

/**
 * Reads a prompt for the editor, in A1111's order: extra-network tags are cut out, then the
 * schedule syntax is found (its brackets, colons, bars and step numbers are removed by A1111 before
 * weighing), then the emphasis brackets are weighed. Linear in the prompt's length.
 */
export function analyzePrompt(text: string, options: AnalyzeOptions = {}): PromptAnalysis {
  const tokens: PromptToken[] = []
  const skipped = new Uint8Array(text.length)
  const networks = findExtraNetworks(text)
  for (const tag of networks) {
    skipped.fill(skippedNetwork, tag.from, tag.to)
    pushNetworkTokens(tokens, tag)
  }
  addScheduleTokens(text, networks, skipped, tokens)
  const attention = scanAttention(text, (index) => skipped[index] !== 0)
  const unbalanced = addAttentionTokens(text, attention.brackets, attention.segments, tokens)
  addBraceTokens(text, skipped, tokens, unbalanced)
  if (options.embeddings !== undefined && options.embeddings.size > 0) {
    addEmbeddingTokens(text, skipped, options.embeddings, tokens)
  }
  tokens.sort((a, b) => a.from - b.from || b.to - a.to)
  unbalanced.sort((a, b) => a - b)
  return { tokens, unbalanced, segments: attention.segments, networks }
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

function pushNetworkTokens(tokens: PromptToken[], tag: ExtraNetworkTag): void {
  tokens.push({ kind: networkKinds[tag.type.toLowerCase()] ?? 'extra-network', from: tag.from, to: tag.to })
  if (tag.name.to > tag.name.from) tokens.push({ kind: 'network-name', from: tag.name.from, to: tag.name.to })
  if (tag.weight !== undefined)
    tokens.push({ kind: 'network-weight', from: tag.weight.from, to: tag.weight.to })
}

/** Parses the prompt with network tags cut out (as A1111 does) and maps offsets back. */
function addScheduleTokens(
  text: string,
  networks: ExtraNetworkTag[],
  skipped: Uint8Array,
  tokens: PromptToken[],
) {
  let stripped = text
  let toSource: (index: number) => number = (index) => index
  if (networks.length > 0) {
    const offsets: number[] = []
    stripped = ''
    for (let index = 0; index < text.length; index += 1) {
      if (skipped[index] === 0) {
        offsets.push(index)
        stripped += text[index]
      }
    }
    offsets.push(text.length)
    toSource = (index) => offsets[index] ?? text.length
  }
  const tree = parseScheduleTree(stripped)
  if (tree === null) {
    // A1111 then uses the prompt as written: no bar alternates anything.
    for (let index = text.indexOf('|'); index !== -1; index = text.indexOf('|', index + 1)) {
      if (skipped[index] === 0) tokens.push({ kind: 'invalid', from: index, to: index + 1 })
    }
    return
  }
  const mark = (kind: PromptTokenKind, from: number, to: number) => {
    if (to <= from) return
    const start = toSource(from)
    const end = to > from ? toSource(to - 1) + 1 : start
    tokens.push({ kind, from: start, to: end })
    if (kind !== 'schedule-from' && kind !== 'schedule-to') {
      skipped.fill(skippedSyntax, start, end)
    }
  }
  walkSchedule(tree, mark)
}

type Mark = (kind: PromptTokenKind, from: number, to: number) => void

function walkSchedule(nodes: ScheduleNode[], mark: Mark): void {
  for (const node of nodes) {
    if (node.type === 'scheduled') {
      const [firstColon = node.from, lastColon = firstColon] = node.colons
      mark('schedule-bracket', node.from, node.from + 1)
      for (const colon of node.colons) mark('schedule-colon', colon, colon + 1)
      // The spaces around the number go with it: A1111 drops them too.
      mark('schedule-colon', lastColon + 1, node.when.from)
      mark('schedule-when', node.when.from, node.when.to)
      mark('schedule-colon', node.when.to, node.to - 1)
      mark('schedule-bracket', node.to - 1, node.to)
      if (node.before !== null) {
        mark('schedule-from', node.from + 1, firstColon)
        mark('schedule-to', firstColon + 1, lastColon)
        walkSchedule(node.before, mark)
      } else mark('schedule-to', node.from + 1, firstColon)
      walkSchedule(node.after, mark)
    } else if (node.type === 'alternate') {
      mark('alternate-bracket', node.from, node.from + 1)
      for (const bar of node.bars) mark('alternate-bar', bar, bar + 1)
      mark('alternate-bracket', node.to - 1, node.to)
      for (const option of node.options) if (option !== null) walkSchedule(option, mark)
    }
  }
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
    if (!lengths.has(word.length) || skipped[match.index] === skippedNetwork) continue
    if (embeddings.has(word.toLowerCase())) {
      tokens.push({ kind: 'embedding', from: match.index, to: match.index + word.length })
    }
  }
}
