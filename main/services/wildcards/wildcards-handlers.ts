import type { Handlers } from '#contract'
import type { WildcardsService } from './wildcards-service'
import { defaultWildcardsDir, writeWildcardsFolder } from './wildcards-settings'

export interface WildcardsHandlersDeps {
  readonly wildcards: WildcardsService
  /** Where `wildcards.json` lives, and the folder it held at start (null = the default). */
  readonly settings: { readonly dataDir: string; readonly folder: string | null }
}

export function createWildcardsHandlers(
  deps: WildcardsHandlersDeps,
): Pick<Handlers, 'wildcards.list' | 'wildcards.configure' | 'prompts.expand'> {
  let folder = deps.settings.folder
  const state = async () => ({ dir: deps.wildcards.dir, folder, names: await deps.wildcards.names() })
  return {
    'wildcards.list': state,
    'wildcards.configure': async (input) => {
      // Saved first: a folder that is refused leaves both the file and the service as they were.
      await writeWildcardsFolder(deps.settings.dataDir, input.folder)
      folder = input.folder
      deps.wildcards.useDir(folder ?? defaultWildcardsDir(deps.settings.dataDir))
      return state()
    },
    'prompts.expand': async (input) => {
      const { prompts, total } = await deps.wildcards.expand(input)
      const totalCapped = !(total <= Number.MAX_SAFE_INTEGER)
      return { prompts, total: totalCapped ? Number.MAX_SAFE_INTEGER : total, totalCapped }
    },
  }
}
