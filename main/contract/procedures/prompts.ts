import { z } from 'zod'
import { dynamicPromptLimits } from '../limits'
import { dynamicPromptModes } from '../dynamic-prompts'
import { promptTemplateMaxLength } from '../schemas/task'
import { procedure } from './define'

/** At most this many prompts come out of one expansion: one Generate submits one task per prompt. */
export { dynamicPromptLimits }

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
  /** The wildcards folder and every wildcard name in it (`dir/name`, no `.txt`), for completion. */
  'wildcards.list': procedure(
    z.object({}).strict(),
    z.object({ dir: z.string(), names: z.array(z.string()) }),
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
