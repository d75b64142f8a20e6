import type { ProcedureOutput } from '#contract'
import type { Client } from '../../bridge'
import type { DynamicPromptsState } from './dynamic-store'

export type ExpandResult = ProcedureOutput<'prompts.expand'>

/**
 * The prompts Generate sends for `template`: null when dynamic prompts are off (the prompt goes as
 * typed). Main reads the wildcards folder, so preview and Generate see the same files.
 */
export async function expandForSubmit(
  client: Client,
  template: string,
  settings: Pick<DynamicPromptsState, 'mode' | 'count' | 'seed'>,
): Promise<ExpandResult | null> {
  if (settings.mode === 'off') return null
  return client.call('prompts.expand', {
    template,
    mode: settings.mode,
    count: settings.count,
    seed: settings.seed,
  })
}
