import { styleDraftSchema, type PromptStyle, type StyleDraft } from '#contract'
import type { FieldError } from './preset-form'

/** The style editor's inputs. */
export interface StyleForm {
  name: string
  prompt: string
  negativePrompt: string
}

export type StyleFormField = keyof StyleForm
export type StyleFormErrors = Partial<Record<StyleFormField, FieldError>>

export const emptyStyleForm: StyleForm = { name: '', prompt: '', negativePrompt: '' }

export const styleFormOf = (style: PromptStyle): StyleForm => ({
  name: style.name,
  prompt: style.prompt,
  negativePrompt: style.negativePrompt,
})

const fields: readonly StyleFormField[] = ['name', 'prompt', 'negativePrompt']
const isField = (value: unknown): value is StyleFormField => fields.some((field) => field === value)

interface IssueLike {
  readonly code: string
  readonly path: readonly PropertyKey[]
  readonly maximum?: unknown
}

function messageOf(issue: IssueLike): FieldError {
  switch (issue.code) {
    case 'too_small':
      return { key: 'required' }
    case 'too_big':
      return { key: 'tooLong', values: { max: Number(issue.maximum) } }
    case 'invalid_format':
      return { key: 'styleNameHash' }
    default:
      return { key: 'invalid' }
  }
}

/**
 * Checks the form with the contract's own schema, so the form and main agree on every bound. A
 * name another style already has is main's to find (the list on screen may be filtered).
 */
export function validateStyleForm(form: StyleForm): { draft: StyleDraft } | { errors: StyleFormErrors } {
  const parsed = styleDraftSchema.safeParse(form)
  if (parsed.success) return { draft: parsed.data }
  const errors: StyleFormErrors = {}
  for (const issue of parsed.error.issues) {
    const [first] = issue.path
    const field = isField(first) ? first : 'name'
    errors[field] ??= messageOf(issue as IssueLike)
  }
  return { errors }
}

/** The message for a name main refused because another style has it. */
export const nameTakenError = (name: string): FieldError => ({ key: 'styleNameTaken', values: { name } })
