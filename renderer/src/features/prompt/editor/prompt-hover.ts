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

function tokenMessage(token: PromptToken, text: string, t: PromptTranslate): string | null {
  switch (token.kind) {
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

/** What the hover says at `at`: the syntax under the pointer, else the weight if it is not 1. */
export function describePosition(analysis: PromptAnalysis, text: string, at: number, t: PromptTranslate) {
  const network = networkMessage(analysis, at, t)
  if (network !== null) return network
  const token = tokenAt(analysis, at)
  const message = token === undefined ? null : tokenMessage(token, text.slice(token.from, token.to), t)
  if (message !== null) return message
  const weight = weightAt(analysis, at)
  return weight === null || weight === 1 ? null : t('prompt.hover.weight', { weight: formatWeight(weight) })
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
