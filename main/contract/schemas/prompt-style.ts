import { z } from 'zod'
import { presetLimits } from './preset'
import { text2ImageLimits } from './text2image'

/**
 * A prompt style as A1111 keeps it in `styles.csv`: a name, a prompt and a negative prompt, each
 * of which may hold a `{prompt}` placeholder. Names are unique, as in A1111.
 */
export const promptStyleSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(presetLimits.styleNameMaxLength),
  prompt: z.string().max(text2ImageLimits.promptMaxLength),
  negativePrompt: z.string().max(text2ImageLimits.promptMaxLength),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type PromptStyle = z.infer<typeof promptStyleSchema>

export const styleImportSchema = promptStyleSchema.partial({ id: true, createdAt: true, updatedAt: true })

/**
 * What a person edits in a style. A name may not start with `#`: A1111 reads such a row of
 * `styles.csv` as a comment, so the style would be lost on the way there.
 */
export const styleDraftSchema = z.strictObject({
  name: z.string().trim().min(1).max(presetLimits.styleNameMaxLength).regex(/^[^#]/),
  prompt: z.string().max(text2ImageLimits.promptMaxLength),
  negativePrompt: z.string().max(text2ImageLimits.promptMaxLength),
})
export type StyleDraft = z.infer<typeof styleDraftSchema>

const placeholder = '{prompt}'

/**
 * Merges one side of a style into the user's text exactly as A1111 (modules/styles.py,
 * `apply_styles_to_prompt`) does: both are trimmed; a style holding `{prompt}` has the user's text
 * put in its place (every occurrence); otherwise a non-empty style is appended after ", ".
 */
export function mergeStyleText(styleText: string, userText: string): string {
  const user = userText.trim()
  const style = styleText.trim()
  if (style.includes(placeholder)) return style.split(placeholder).join(user)
  if (style === '') return user
  return user === '' ? style : `${user}, ${style}`
}

/** Applies a style to the prompt and the negative prompt; pure, for the workbench. */
export function applyStyle(
  prompt: string,
  negative: string,
  style: Pick<PromptStyle, 'prompt' | 'negativePrompt'>,
): { prompt: string; negative: string } {
  return {
    prompt: mergeStyleText(style.prompt, prompt),
    negative: mergeStyleText(style.negativePrompt, negative),
  }
}
