import { isSdTask, type SdTaskRecord, type TaskRecord } from '#contract'

/** The parameters a comparison names, in the order A1111's infotext lists them. */
export const diffFields = [
  'kind',
  'checkpoint',
  'vae',
  'sampler',
  'steps',
  'cfg',
  'seed',
  'size',
  'denoise',
  'hires',
  'clipSkip',
  'restoreFaces',
  'batch',
] as const
export type DiffField = (typeof diffFields)[number]

export interface CompareItem {
  readonly record: TaskRecord
  readonly imageIndex: number
}

const off = '—'

/** A compared workbench task: tool tasks and custom requests have none of these fields. */
type SdCompareItem = { readonly record: SdTaskRecord; readonly imageIndex: number }

/** Each field as a person reads it; `off` where the task did not use it. */
const fieldValue = {
  kind: ({ record }) => record.kind,
  checkpoint: ({ record }) => record.params.alwayson_scripts.sd_model_checkpoint,
  vae: ({ record }) => record.params.alwayson_scripts.sd_vae ?? off,
  sampler: ({ record }) => record.params.sampler_index,
  steps: ({ record }) => String(record.params.steps),
  cfg: ({ record }) => String(record.params.cfg_scale),
  seed: ({ record, imageIndex }) => String(record.images[imageIndex]?.seed ?? record.params.seed),
  size: ({ record }) => `${record.params.width}×${record.params.height}`,
  denoise: ({ record }) =>
    record.kind === 'text2image' && !record.params.enable_hr ? off : String(record.params.denoising_strength),
  hires: ({ record }) => (record.params.enable_hr ? `×${record.params.hr_scale}` : off),
  clipSkip: ({ record }) =>
    String(record.params.alwayson_scripts.override_settings?.CLIP_stop_at_last_layers ?? off),
  restoreFaces: ({ record }) => (record.params.restore_faces ? '✓' : off),
  batch: ({ record }) => `${record.params.batch_size}×${record.params.n_iter}`,
} satisfies Record<DiffField, (item: SdCompareItem) => string>

export interface FieldChange {
  readonly field: DiffField
  readonly before: string
  readonly after: string
}

/** The fields whose values differ between two results, in `diffFields` order. */
export function changedFields(a: CompareItem, b: CompareItem): FieldChange[] {
  const { record: recordA } = a
  const { record: recordB } = b
  // A tool task or custom request has no SD settings: only its kind is compared.
  if (!isSdTask(recordA) || !isSdTask(recordB))
    return recordA.kind === recordB.kind ? [] : [{ field: 'kind', before: recordA.kind, after: recordB.kind }]
  const sdA = { record: recordA, imageIndex: a.imageIndex }
  const sdB = { record: recordB, imageIndex: b.imageIndex }
  return diffFields.flatMap((field) => {
    const before = fieldValue[field](sdA)
    const after = fieldValue[field](sdB)
    return before === after ? [] : [{ field, before, after }]
  })
}

export interface WordPart {
  readonly kind: 'same' | 'removed' | 'added'
  readonly text: string
}

/** Words and the separators between them, so a diff can be shown as the prompt reads. */
const tokens = (text: string) => text.split(/(\s+|,)/).filter((part) => part !== '')

/** Longer prompts than this are shown as one removal and one addition (the table grows as n²). */
const maxTokens = 600

/**
 * A word diff of two prompts (longest common subsequence over words and separators), merged into
 * runs so that "(red:1.2) scarf" → "(blue:1.2) scarf" reads as one word out, one word in.
 */
export function diffWords(before: string, after: string): WordPart[] {
  const a = tokens(before)
  const b = tokens(after)
  if (a.length > maxTokens || b.length > maxTokens) {
    return merge([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ])
  }
  const table = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i -= 1) {
    const row = table[i] as Uint16Array
    const below = table[i + 1] as Uint16Array
    for (let j = b.length - 1; j >= 0; j -= 1)
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0)
  }
  const parts: WordPart[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ kind: 'same', text: a[i] ?? '' })
      i += 1
      j += 1
    } else if (i < a.length && (j === b.length || (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0))) {
      // Removals before additions, so a replaced word reads "old → new".
      parts.push({ kind: 'removed', text: a[i] ?? '' })
      i += 1
    } else {
      parts.push({ kind: 'added', text: b[j] ?? '' })
      j += 1
    }
  }
  return merge(parts)
}

function merge(parts: readonly WordPart[]): WordPart[] {
  const merged: WordPart[] = []
  for (const part of parts) {
    if (part.text === '') continue
    const last = merged.at(-1)
    if (last && last.kind === part.kind)
      merged[merged.length - 1] = { kind: last.kind, text: last.text + part.text }
    else merged.push(part)
  }
  return merged
}
