import {
  presetDraftSchema,
  type ModelFamily,
  type LoraPreset,
  type Preset,
  type PresetDraft,
  type PresetKind,
} from '#contract'

/** The editor's fields as the inputs hold them (numbers and lists as text). */
export interface PresetForm {
  kind: PresetKind
  displayName: string
  fileName: string
  family: ModelFamily
  tags: string
  notes: string
  favourite: boolean
  thumbnail: string | null
  sampler: string
  steps: string
  cfgScale: string
  clipSkip: string
  width: string
  height: string
  vae: string
  negativePrompt: string
  loraWeight: string
  triggerWords: string
  intendedFor: 'prompt' | 'negative'
  /** The training job a LoRA came from: not edited, but kept on save so the link survives. */
  training: LoraTraining | null
}

export type LoraTraining = NonNullable<LoraPreset['lora']['training']>

export type FormField = keyof PresetForm

/** A validation message: a key under `presets.validation` and its values. */
export interface FieldError {
  readonly key: string
  readonly values?: Readonly<Record<string, number | string>>
}

export type FormErrors = Partial<Record<FormField, FieldError>>

export const emptyForm = (kind: PresetKind): PresetForm => ({
  kind,
  displayName: '',
  fileName: '',
  family: 'sd15',
  tags: '',
  notes: '',
  favourite: false,
  thumbnail: null,
  sampler: '',
  steps: '',
  cfgScale: '',
  clipSkip: '',
  width: '',
  height: '',
  vae: '',
  negativePrompt: '',
  loraWeight: '1',
  triggerWords: '',
  intendedFor: 'prompt',
  training: null,
})

const text = (value: number | string | undefined) => (value === undefined ? '' : String(value))

export function formFromPreset(preset: Preset): PresetForm {
  const form: PresetForm = {
    ...emptyForm(preset.kind),
    displayName: preset.displayName,
    fileName: preset.fileName,
    family: preset.family,
    tags: preset.tags.join(', '),
    notes: preset.notes,
    favourite: preset.favourite,
    thumbnail: preset.thumbnail,
  }
  if (preset.kind === 'checkpoint') {
    const s = preset.settings
    Object.assign(form, {
      sampler: text(s.sampler),
      steps: text(s.steps),
      cfgScale: text(s.cfgScale),
      clipSkip: text(s.clipSkip),
      width: text(s.width),
      height: text(s.height),
      vae: text(s.vae),
      negativePrompt: text(s.negativePrompt),
    })
  }
  if (preset.kind === 'lora') {
    form.loraWeight = String(preset.lora.defaultWeight)
    form.triggerWords = preset.lora.triggerWords.join(', ')
    form.training = preset.lora.training ?? null
  }
  if (preset.kind === 'embedding') form.intendedFor = preset.embedding.intendedFor
  return form
}

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
const optionalText = (value: string) => (value.trim() === '' ? undefined : value.trim())
const optionalNumber = (value: string) => (value.trim() === '' ? undefined : Number(value))

function rawDraft(form: PresetForm): Record<string, unknown> {
  const common = {
    kind: form.kind,
    displayName: form.displayName,
    fileName: form.fileName,
    family: form.family,
    tags: list(form.tags),
    notes: form.notes,
    favourite: form.favourite,
    thumbnail: form.thumbnail,
  }
  if (form.kind === 'checkpoint') {
    const settings = {
      sampler: optionalText(form.sampler),
      steps: optionalNumber(form.steps),
      cfgScale: optionalNumber(form.cfgScale),
      clipSkip: optionalNumber(form.clipSkip),
      width: optionalNumber(form.width),
      height: optionalNumber(form.height),
      vae: optionalText(form.vae),
      negativePrompt: form.negativePrompt.trim() === '' ? undefined : form.negativePrompt,
    }
    return { ...common, settings }
  }
  if (form.kind === 'lora') {
    return {
      ...common,
      lora: {
        defaultWeight: Number(form.loraWeight),
        triggerWords: list(form.triggerWords),
        ...(form.training ? { training: form.training } : {}),
      },
    }
  }
  if (form.kind === 'embedding') return { ...common, embedding: { intendedFor: form.intendedFor } }
  return common
}

/** Maps a schema path (`settings.steps`, `lora.triggerWords.2`) to the input that shows it. */
function fieldOfPath(path: readonly PropertyKey[]): FormField {
  const [first, second] = path.map(String)
  if (first === 'settings' && second) return second as FormField
  if (first === 'lora') return second === 'defaultWeight' ? 'loraWeight' : 'triggerWords'
  if (first === 'embedding') return 'intendedFor'
  return (first ?? 'displayName') as FormField
}

interface IssueLike {
  readonly code: string
  readonly path: readonly PropertyKey[]
  readonly origin?: string
  readonly minimum?: unknown
  readonly maximum?: unknown
  readonly divisor?: unknown
}

function messageOf(issue: IssueLike): FieldError {
  const bound = (value: unknown) =>
    typeof value === 'number' || typeof value === 'bigint' ? Number(value) : 0
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return { key: 'required' }
      return { key: 'tooSmall', values: { min: bound(issue.minimum) } }
    case 'too_big':
      if (issue.origin === 'string') return { key: 'tooLong', values: { max: bound(issue.maximum) } }
      if (issue.origin === 'array') return { key: 'tooMany', values: { max: bound(issue.maximum) } }
      return { key: 'tooLarge', values: { max: bound(issue.maximum) } }
    case 'not_multiple_of':
      return { key: 'multipleOf', values: { divisor: bound(issue.divisor) } }
    case 'invalid_type':
      return { key: 'number' }
    case 'invalid_format':
      return { key: 'format' }
    default:
      return { key: 'invalid' }
  }
}

/** Validates with the contract's own schema, so the form and main agree on every rule. */
export function validateForm(form: PresetForm): { draft: PresetDraft } | { errors: FormErrors } {
  const parsed = presetDraftSchema.safeParse(rawDraft(form))
  if (parsed.success) return { draft: parsed.data }
  const errors: FormErrors = {}
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path)
    errors[field] ??= messageOf(issue as IssueLike)
  }
  return { errors }
}
