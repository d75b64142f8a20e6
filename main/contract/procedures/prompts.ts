import { z } from 'zod'
import { dynamicPromptLimits } from '../limits'
import { dynamicPromptModes } from '../dynamic-prompts'
import { promptTemplateMaxLength } from '../schemas/task'
import { procedure } from './define'

/** At most this many prompts come out of one expansion: one Generate submits one task per prompt. */
export { dynamicPromptLimits }

/** The longest wildcards folder path accepted (as the output folder's). */
export const wildcardsFolderMaxLength = 4096

const wildcardsStateSchema = z.object({
  dir: z.string(),
  folder: z.string().nullable(),
  names: z.array(z.string()),
})

export const expandPromptInputSchema = z
  .object({
    template: z.string().max(promptTemplateMaxLength),
    mode: z.enum(dynamicPromptModes),
    /** Combinatorial: at most this many, the first in order. Random: exactly this many. */
    count: z.number().int().min(1).max(dynamicPromptLimits.maxCount),
    /** Random mode's seed; the same seed gives the same prompts. */
    seed: z.number().int().min(0).max(0xffffffff).default(0),
  })
  .strict()

export const promptsProcedures = {
  /**
   * The wildcards folder and every wildcard name in it (`dir/name`, no `.txt`), for completion.
   * `folder` is the folder set in Settings; null = the default `<data folder>/wildcards` (`dir`).
   */
  'wildcards.list': procedure(z.object({}).strict(), wildcardsStateSchema),
  /**
   * Sets the wildcards folder (an absolute path to an existing folder; null = the default). A
   * folder that is not one answers `invalid_request` with `details.field: 'folder'`; nothing is
   * saved then. Completion and expansion read the new folder from then on.
   */
  'wildcards.configure': procedure(
    z.object({ folder: z.string().trim().min(1).max(wildcardsFolderMaxLength).nullable() }).strict(),
    wildcardsStateSchema,
  ),
  /**
   * Expands a dynamic-prompts template against the wildcards folder. `total` is the number of
   * combinations, capped at Number.MAX_SAFE_INTEGER (`totalCapped`). A template that cannot be read
   * fails `invalid_request` with details `{ syntax, position, wildcard? }`.
   */
  'prompts.expand': procedure(
    expandPromptInputSchema,
    z.object({ prompts: z.array(z.string()), total: z.number(), totalCapped: z.boolean() }),
  ),
}
