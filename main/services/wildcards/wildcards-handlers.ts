import type { Handlers } from '#contract'
import type { WildcardsService } from './wildcards-service'

export function createWildcardsHandlers(deps: {
  readonly wildcards: WildcardsService
}): Pick<Handlers, 'wildcards.list' | 'prompts.expand'> {
  return {
    'wildcards.list': async () => ({ dir: deps.wildcards.dir, names: await deps.wildcards.names() }),
    'prompts.expand': async (input) => {
      const { prompts, total } = await deps.wildcards.expand(input)
      const totalCapped = !(total <= Number.MAX_SAFE_INTEGER)
      return { prompts, total: totalCapped ? Number.MAX_SAFE_INTEGER : total, totalCapped }
    },
  }
}
