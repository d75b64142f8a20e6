import { z } from 'zod'

/**
 * The tokens a file-name pattern may use, A1111's names where A1111 has one. `[batch]` is the
 * image's place in its task (1-based); `[prompt_words]` is the prompt's first words, as A1111 cuts them.
 */
export const outputPatternTokens = [
  'seed',
  'prompt_words',
  'model_name',
  'date',
  'datetime',
  'task_id',
  'batch',
  'width',
  'height',
  'steps',
  'sampler',
] as const
export type OutputPatternToken = (typeof outputPatternTokens)[number]

export const outputLimits = {
  patternMaxLength: 200,
  folderMaxLength: 4096,
} as const

export const defaultOutputPattern = '[date]-[seed]-[prompt_words]'

/** Every `[token]` in a pattern that is not one of `outputPatternTokens`. */
export function unknownPatternTokens(pattern: string): string[] {
  const known = new Set<string>(outputPatternTokens)
  return [...pattern.matchAll(/\[([^\]]*)\]/g)]
    .map((match) => match[1] ?? '')
    .filter((token) => !known.has(token))
}

export const outputPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(outputLimits.patternMaxLength)
  .refine((pattern) => unknownPatternTokens(pattern).length === 0, {
    message: `Use only these tokens: ${outputPatternTokens.map((token) => `[${token}]`).join(' ')}.`,
  })

/**
 * Where results are written as they arrive (null: nowhere but the app's image cache) and how
 * their files are named. Kept in `outputs.json` in the data folder.
 */
export const outputSettingsSchema = z.object({
  folder: z.string().min(1).max(outputLimits.folderMaxLength).nullable(),
  pattern: outputPatternSchema,
})
export type OutputSettings = z.infer<typeof outputSettingsSchema>
