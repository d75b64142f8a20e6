import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError, customToolSchema, type CustomTool } from '#contract'
import { writeFileAtomic } from '../fs/atomic-write'
import { normaliseCustomPath } from './custom-path'

/** Saved custom requests ("custom tools"): a small JSON file, offline, exported and imported whole. */
export interface CustomTools {
  list(): Promise<CustomTool[]>
  save(tool: CustomTool): Promise<CustomTool[]>
  remove(name: string): Promise<CustomTool[]>
  exportJson(): Promise<string>
  importJson(json: string): Promise<{ imported: number; tools: CustomTool[] }>
}

const exportFormat = 'img-open-custom-tools'
const maxTools = 500
const fileSchema = z.object({ version: z.literal(1), tools: z.array(customToolSchema).max(maxTools) })
const documentSchema = z.union([
  z.object({
    format: z.literal(exportFormat),
    version: z.literal(1),
    tools: z.array(z.unknown()).max(maxTools),
  }),
  z.array(z.unknown()).max(maxTools),
])

/** A tool as kept: its path normalised (so a saved tool can never leave the API root). */
const checked = (tool: CustomTool): CustomTool => ({ ...tool, path: normaliseCustomPath(tool.path) })

export function createCustomTools(dataDir: string): CustomTools {
  const file = join(dataDir, 'custom-tools.json')
  let queue: Promise<unknown> = Promise.resolve()
  /** One change at a time, so two saves never lose each other's tool. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  const read = async (): Promise<CustomTool[]> => {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      return []
    }
    const parsed = fileSchema.safeParse(JSON.parse(text))
    if (!parsed.success) throw new AppError('internal', 'The custom tools file could not be read.')
    return parsed.data.tools
  }
  const write = async (tools: CustomTool[]) => {
    const sorted = [...tools].sort((a, b) => a.name.localeCompare(b.name))
    await writeFileAtomic(file, JSON.stringify({ version: 1, tools: sorted }, null, 2))
    return sorted
  }
  const upsert = (tools: CustomTool[], tool: CustomTool) => [
    ...tools.filter((t) => t.name !== tool.name),
    tool,
  ]

  return {
    list: read,
    save: (tool) => serial(async () => write(upsert(await read(), checked(tool)))),
    remove: (name) => serial(async () => write((await read()).filter((tool) => tool.name !== name))),
    exportJson: async () =>
      JSON.stringify({ format: exportFormat, version: 1, tools: await read() }, null, 2),
    importJson: (json) =>
      serial(async () => {
        let document: unknown
        try {
          document = JSON.parse(json)
        } catch {
          throw new AppError('invalid_request', 'The file is not JSON.', { field: 'json' })
        }
        const parsed = documentSchema.safeParse(document)
        if (!parsed.success)
          throw new AppError('invalid_request', 'The file is not an export of custom tools.', {
            field: 'json',
          })
        const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.tools
        let tools = await read()
        entries.forEach((entry, index) => {
          const tool = customToolSchema.safeParse(entry)
          if (!tool.success) {
            const issue = tool.error.issues[0]
            throw new AppError(
              'invalid_request',
              `Custom tool ${index + 1}: ${issue?.message ?? 'invalid'}.`,
              {
                field: `tools.${index}.${issue?.path.join('.') ?? ''}`,
              },
            )
          }
          tools = upsert(tools, checked(tool.data))
        })
        return { imported: entries.length, tools: await write(tools) }
      }),
  }
}
