import { findExtraNetworks } from '../../prompt'
import type { ParamsDraft } from '../draft'
import type { AssetOptions } from '../store-types'
import { isKnown, nearestNames, stemOf } from './name-match'

export type NameKind = 'checkpoint' | 'vae' | 'lora' | 'embedding'

/**
 * A name the request would send that the profile's synced lists do not hold: `unknown` (not in
 * them at all) or `missing` (a preset a sync found gone from the server). `at` locates a LoRA tag
 * or embedding word in its prompt, so a suggestion can replace it in place.
 */
export interface NameFlag {
  readonly kind: NameKind
  readonly name: string
  readonly problem: 'unknown' | 'missing'
  readonly suggestions: readonly string[]
  readonly at?: { readonly prompt: 'prompt' | 'negative_prompt'; readonly from: number; readonly to: number }
}

/** The synced list (and hash index) each kind of name is checked against. */
export const listOf = {
  checkpoint: 'checkpoints',
  vae: 'vaes',
  lora: 'loras',
  embedding: 'embeddings',
} as const satisfies Record<NameKind, keyof AssetOptions>

/** VAE values A1111 accepts that are not file names. */
const vaeWords = new Set(['', 'Automatic', 'None'])

function flagName(
  kind: NameKind,
  name: string,
  known: AssetOptions,
  missing: AssetOptions,
  at?: NameFlag['at'],
): NameFlag | null {
  const list = known[listOf[kind]]
  // No synced list of this kind: nothing to check against, so nothing is flagged.
  if (list.length === 0 || isKnown(name, list)) return null
  const problem = isKnown(name, missing[listOf[kind]]) ? 'missing' : 'unknown'
  return { kind, name, problem, suggestions: nearestNames(name, list), ...(at ? { at } : {}) }
}

/** LoRA tags whose name is not listed, in both prompts. */
function loraFlags(draft: ParamsDraft, known: AssetOptions, missing: AssetOptions): NameFlag[] {
  return (['prompt', 'negative_prompt'] as const).flatMap((prompt) =>
    findExtraNetworks(draft[prompt] ?? '')
      .filter((tag) => tag.type === 'lora' || tag.type === 'lyco')
      .flatMap((tag) => flagName('lora', tag.name.text, known, missing, { prompt, ...tag.name }) ?? []),
  )
}

/**
 * Embeddings are plain words in a prompt, so any word could be one: only a word that names a
 * listed embedding in another case or spelling (`easynegative` for `EasyNegative`) is flagged.
 */
function embeddingFlags(draft: ParamsDraft, known: AssetOptions): NameFlag[] {
  if (known.embeddings.length === 0) return []
  return (['prompt', 'negative_prompt'] as const).flatMap((prompt) =>
    [...(draft[prompt] ?? '').matchAll(/[\p{L}\p{N}_-]{4,}/gu)].flatMap((match) => {
      const word = match[0]
      if (isKnown(word, known.embeddings)) return []
      const near = known.embeddings.filter((name) => stemOf(name) === stemOf(word))
      if (near.length === 0) return []
      const at = { prompt, from: match.index, to: match.index + word.length }
      return [{ kind: 'embedding' as const, name: word, problem: 'unknown' as const, suggestions: near, at }]
    }),
  )
}

/** Every name of the draft checked against the synced lists, before any credit is spent. */
export function preflightNames(draft: ParamsDraft, known: AssetOptions, missing: AssetOptions): NameFlag[] {
  const scripts = draft.alwayson_scripts
  const vae = scripts.sd_vae ?? ''
  return [
    ...(scripts.sd_model_checkpoint.trim() === ''
      ? []
      : [flagName('checkpoint', scripts.sd_model_checkpoint, known, missing)]),
    ...(vaeWords.has(vae) ? [] : [flagName('vae', vae, known, missing)]),
    ...loraFlags(draft, known, missing),
    ...embeddingFlags(draft, known),
  ].filter((flag): flag is NameFlag => flag !== null)
}

/** The draft's prompt text with a flagged LoRA or embedding name replaced by `name`. */
export function replaceAt(text: string, at: NonNullable<NameFlag['at']>, name: string): string {
  return `${text.slice(0, at.from)}${name}${text.slice(at.to)}`
}
