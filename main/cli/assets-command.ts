import type { AssetKind, ServerAsset } from '../services/api/api-types'
import type { Services } from '../services/create-services'
import { exitCodes, type ExitCode } from './cli-errors'
import { printJson, printLine, type CliContext } from './cli-context'
import { chooseProfile, withServices, type ConnectionOptions } from './cli-session'

/** The list commands and the API list each one reads. */
export const assetCommands = {
  models: 'checkpoint',
  loras: 'lora',
  vaes: 'vae',
  embeddings: 'embedding',
} as const satisfies Record<string, AssetKind>

export type AssetCommand = keyof typeof assetCommands

export interface AssetsOptions extends ConnectionOptions {
  readonly json?: boolean
}

const pageSize = 100
/** 5,000 rows: more than any account lists; a service that never stops paging is cut off. */
const maxPages = 50

/** Every page of one list, read one after the other (the service rate-limits). */
async function readAll(services: Services, profileId: string, kind: AssetKind) {
  const connection = await services.profiles.resolveConnection(profileId)
  const rows: ServerAsset[] = []
  let total = 0
  for (let pageNum = 1; pageNum <= maxPages; pageNum += 1) {
    const page = await services.api.listAssets(connection, kind, { pageNum, pageSize })
    total = page.total
    rows.push(...page.rows)
    if (page.rows.length === 0 || rows.length >= page.total) break
  }
  return { rows, total }
}

/** `img-open models|loras|vaes|embeddings`: the server's list for the chosen profile. */
export async function runAssets(
  context: CliContext,
  command: AssetCommand,
  options: AssetsOptions,
): Promise<ExitCode> {
  const kind = assetCommands[command]
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const { rows, total } = await readAll(services, profile.id, kind)
    if (options.json) {
      printJson(context, {
        kind,
        total,
        items: rows.map((row) => ({
          file_name: row.fileName,
          display_name: row.displayName,
          base_model: row.baseModel,
          image_url: row.imageUrl,
        })),
      })
      return exitCodes.ok
    }
    if (rows.length === 0) printLine(context, context.say('listEmpty'))
    const width = Math.min(60, Math.max(0, ...rows.map((row) => row.fileName.length)))
    for (const row of rows) {
      const base = row.baseModel ? `  [${row.baseModel}]` : ''
      const name = row.displayName && row.displayName !== row.fileName ? `  ${row.displayName}` : ''
      printLine(context, `${row.fileName.padEnd(width)}${name}${base}`)
    }
    return exitCodes.ok
  })
}
