import { hoverTooltip, type EditorView, type Tooltip } from '@codemirror/view'
import { weightAt, type PromptAnalysis, type PromptToken } from '../tokenize'
import { promptAnalysis, promptTranslate, type PromptTranslate } from './prompt-state'

/** Weights print to three decimals: 1.5730000000000004 reads as 1.573. */
export const formatWeight = (weight: number): string => String(Math.round(weight * 1000) / 1000)

const networkLabels: Record<string, string> = { lora: 'LoRA', lyco: 'LyCORIS', hypernet: 'Hypernetwork' }

/** The innermost token holding the character at `at`. */
function tokenAt(analysis: PromptAnalysis, at: number): PromptToken | undefined {
  let found: PromptToken | undefined
  for (const token of analysis.tokens) {
    if (token.from > at) break
    if (token.to > at && (found === undefined || token.to - token.from <= found.to - found.from))
      found = token
  }
  return found
}

function networkMessage(analysis: PromptAnalysis, at: number, t: PromptTranslate): string | null {
  const tag = analysis.networks.find((network) => network.from <= at && at < network.to)
  if (tag === undefined) return null
  return t('prompt.hover.network', {
    type: networkLabels[tag.type.toLowerCase()] ?? tag.type,
    name: tag.name.text,
    weight: tag.weight === undefined ? '1' : formatWeight(tag.weight.value),
  })
}

/** The sub-prompt holding `at` (a position inside a sub-prompt or on the AND or weight that ends it). */
function subPromptAt(analysis: PromptAnalysis, at: number): number {
  const index = analysis.subPrompts.findIndex((part) => at < part.to)
  return index === -1 ? analysis.subPrompts.length - 1 : index
}

/** Which sub-prompt `at` is in and its weight, when the prompt has more than one or a weight set. */
function subPromptMessage(analysis: PromptAnalysis, at: number, t: PromptTranslate): string | null {
  const { subPrompts } = analysis
  const index = subPromptAt(analysis, at)
  const part = subPrompts[index]
  if (part === undefined || (subPrompts.length === 1 && part.weight === 1)) return null
  const values = { index: index + 1, count: subPrompts.length, weight: formatWeight(part.weight) }
  return t('prompt.hover.subPrompt', values)
}

function tokenMessage(token: PromptToken, text: string, t: PromptTranslate): string | null {
  switch (token.kind) {
    case 'comment':
      return t('prompt.hover.comment')
    case 'unbalanced':
      return t(text === '{' || text === '}' ? 'prompt.hover.unbalancedBrace' : 'prompt.hover.unbalanced')
    case 'weight-invalid':
      return t('prompt.hover.invalidWeight')
    case 'invalid':
      return t('prompt.hover.invalidBar')
    case 'schedule-when':
      return text.includes('.')
        ? t('prompt.hover.whenFraction', { percent: formatWeight(Number(text) * 100) })
        : t('prompt.hover.whenStep', { step: text })
    case 'alternate-bracket':
    case 'alternate-bar':
      return t('prompt.hover.alternate')
    case 'brace':
      return t('prompt.hover.brace')
    case 'embedding':
      return t('prompt.hover.embedding', { name: text })
    case 'break':
      return t('prompt.hover.break')
    default:
      return null
  }
}

function compositionMessage(
  kind: 'and' | 'subprompt-weight',
  analysis: PromptAnalysis,
  at: number,
  t: PromptTranslate,
) {
  if (kind === 'and') return t('prompt.hover.and', { count: analysis.subPrompts.length })
  const index = subPromptAt(analysis, at)
  const weight = formatWeight(analysis.subPrompts[index]?.weight ?? 1)
  return t('prompt.hover.subPromptWeight', { index: index + 1, count: analysis.subPrompts.length, weight })
}

/**
 * What the hover says at `at`: the syntax under the pointer, else the weight if it is not 1 and the
 * sub-prompt with its AND weight if the prompt is split or weighted.
 */
export function describePosition(analysis: PromptAnalysis, text: string, at: number, t: PromptTranslate) {
  const network = networkMessage(analysis, at, t)
  if (network !== null) return network
  const token = tokenAt(analysis, at)
  if (token?.kind === 'and' || token?.kind === 'subprompt-weight')
    return compositionMessage(token.kind, analysis, at, t)
  const message = token === undefined ? null : tokenMessage(token, text.slice(token.from, token.to), t)
  if (message !== null) return message
  const weight = weightAt(analysis, at)
  const parts = [
    weight === null || weight === 1 ? null : t('prompt.hover.weight', { weight: formatWeight(weight) }),
    weight === null ? null : subPromptMessage(analysis, at, t),
  ].filter((part) => part !== null)
  return parts.length === 0 ? null : parts.join(' · ')
}

function tooltipAt(view: EditorView, pos: number, side: -1 | 1): Tooltip | null {
  const at = side < 0 ? pos - 1 : pos
  if (at < 0 || at >= view.state.doc.length) return null
  const analysis = view.state.field(promptAnalysis)
  const message = describePosition(analysis, view.state.doc.toString(), at, view.state.facet(promptTranslate))
  if (message === null) return null
  return {
    pos: at,
    end: at + 1,
    above: true,
    create: () => {
      const dom = document.createElement('div')
      dom.className = 'cm-prompt-tooltip'
      dom.textContent = message
      return { dom }
    },
  }
}

export const promptHover = hoverTooltip(tooltipAt, { hoverTime: 250 })
