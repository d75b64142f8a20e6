import type { EmbeddingPreset, LoraPreset } from '#contract'

export type PromptField = 'prompt' | 'negative_prompt'

/** Where the prompt editor's cursor (or selection) last was; null before either box was used. */
export interface PromptCursor {
  readonly field: PromptField
  readonly from: number
  readonly to: number
}

/**
 * What a library card writes into a prompt, as A1111's extra-networks cards do: a LoRA as
 * `<lora:name:weight>` with the preset's default weight, an embedding by its name.
 */
export function extraNetworkText(preset: LoraPreset | EmbeddingPreset): string {
  if (preset.kind === 'embedding') return preset.fileName
  return `<lora:${preset.fileName}:${Number(preset.lora.defaultWeight.toFixed(2))}>`
}

/**
 * `snippet` put in place of the selection, with a comma separator where it touches other words,
 * so `a cat|` becomes `a cat, <lora:x:1>` and `|a cat` becomes `<lora:x:1>, a cat`.
 */
export function insertAt(
  text: string,
  from: number,
  to: number,
  snippet: string,
): { text: string; cursor: number } {
  const start = Math.max(0, Math.min(from, text.length))
  const end = Math.max(start, Math.min(to, text.length))
  const before = text.slice(0, start)
  const after = text.slice(end)
  const lead = before.trim() === '' ? '' : /,\s*$/.test(before) ? (/\s$/.test(before) ? '' : ' ') : ', '
  const trail = after.trim() === '' || /^\s*,/.test(after) ? '' : ', '
  const inserted = `${lead}${snippet}${trail}`
  return { text: `${before}${inserted}${after}`, cursor: start + lead.length + snippet.length }
}
