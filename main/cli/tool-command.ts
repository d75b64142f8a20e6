import { readFile, stat } from 'node:fs/promises'
import {
  allowedOf,
  isImageField,
  toolIds,
  toolRegistry,
  toolRequestSchema,
  type ImageSource,
  type ToolId,
} from '#contract'
import type { Services } from '../services/create-services'
import { exitCodes, usageError, type ExitCode } from './cli-errors'
import { noteLine, printJson, type CliContext } from './cli-context'
import { chooseProfile, withServices, type ConnectionOptions } from './cli-session'
import { finishTask, type FinishOptions } from './task-finish'

export interface ToolOptions extends ConnectionOptions, FinishOptions {
  readonly params?: string
  readonly list?: boolean
  readonly toolCode?: string
}

const maxFileBytes = 64 * 1024 * 1024
const isLink = (text: string) => /^https?:\/\//i.test(text)

/** A tool by its API code (`v2/roop`), its id (`roopV2`) or an alias (`swap2`), case aside. */
export function findTool(name: string): ToolId | null {
  const wanted = name.toLowerCase()
  return (
    toolIds.find((id) => {
      const row = toolRegistry[id]
      return (
        id.toLowerCase() === wanted ||
        row.toolCode.toLowerCase() === wanted ||
        (row.aliases as readonly string[]).includes(wanted)
      )
    }) ?? null
  )
}

/** The params file: one JSON object with the API's field names. */
export async function readJsonObject(file: string): Promise<Record<string, unknown>> {
  let text: string
  try {
    if ((await stat(file)).size > 4 * 1024 * 1024) throw new Error('too large')
    text = await readFile(file, 'utf8')
  } catch {
    throw usageError('paramsUnreadable', { file })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw usageError('paramsNotJson', { file, detail: error instanceof Error ? error.message : '' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw usageError('paramsNotObject', { file })
  return value as Record<string, unknown>
}

/** `tool --list`: code, name and required fields of every documented tool. */
function listTools(context: CliContext, json: boolean): ExitCode {
  const language = context.locale === 'zh-CN' ? 'zh' : 'en'
  const rows = toolIds.map((id) => {
    const row = toolRegistry[id]
    return {
      code: row.toolCode,
      name: row.name[language],
      aliases: [...row.aliases],
      required: row.fields.filter((field) => field.required).map((field) => field.name),
    }
  })
  if (json) printJson(context, { tools: rows })
  else
    for (const row of rows)
      context.stdout.write(`${row.code.padEnd(20)}${row.name.padEnd(24)}${row.required.join(', ')}\n`)
  return exitCodes.ok
}

/** An image field's value: a link as it is, a local file into the image cache (uploaded at submit). */
async function sourceOf(
  services: Services,
  text: unknown,
  file: string,
  field: string,
): Promise<ImageSource> {
  if (typeof text !== 'string')
    throw usageError('paramsInvalid', { file, field, detail: 'an http(s) link or a local file path' })
  if (isLink(text)) return { type: 'url', url: text }
  let bytes: Buffer
  try {
    if ((await stat(text)).size > maxFileBytes) throw new Error('too large')
    bytes = await readFile(text)
  } catch {
    throw usageError('imageUnreadable', { file: text })
  }
  return { type: 'cached', cacheKey: (await services.images.put(bytes)).cacheKey }
}

/** The first problem of the request, as a usage error naming the field and what it allows. */
function checkRequest(toolId: ToolId, request: unknown, file: string) {
  const parsed = toolRequestSchema.safeParse(request)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = String(issue?.path[1] ?? issue?.path[0] ?? '')
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined
  const spec = toolRegistry[toolId].fields.find((candidate) => candidate.name === field)
  if (unknown !== undefined)
    throw usageError('paramsInvalid', {
      file,
      field: unknown,
      detail: `not a field of ${toolRegistry[toolId].toolCode}`,
    })
  throw usageError('paramsInvalid', {
    file,
    field,
    detail: spec ? `${issue?.message ?? ''} (${allowedOf(spec)})` : (issue?.message ?? ''),
  })
}

/**
 * `img-open tool <toolCode>`: the params file is the tool's body with the API's own field names;
 * an image field holds a link (sent as is) or a local path (uploaded through the profile's storage).
 */
export async function runTool(
  context: CliContext,
  name: string | undefined,
  options: ToolOptions,
): Promise<ExitCode> {
  if (options.list) return listTools(context, options.json === true)
  if (name === undefined || options.params === undefined) throw usageError('toolCodeMissing')
  const toolId = findTool(name)
  if (toolId === null) throw usageError('toolUnknown', { tool: name.slice(0, 100) })
  const file = options.params
  const { businessTaskId, ...params } = await readJsonObject(file)
  if (businessTaskId !== undefined) noteLine(context, context.say('toolTaskIdIgnored', { file }))
  const imageFields = new Set(toolRegistry[toolId].fields.filter(isImageField).map((field) => field.name))
  const body = Object.fromEntries(Object.entries(params).filter(([key]) => !imageFields.has(key)))
  checkRequest(toolId, { toolId, body }, file)
  return withServices(context, options, async (services) => {
    const images: Record<string, ImageSource | ImageSource[]> = {}
    for (const [field, value] of Object.entries(params).filter(([key]) => imageFields.has(key))) {
      images[field] = Array.isArray(value)
        ? await Promise.all(value.map((item) => sourceOf(services, item, file, field)))
        : await sourceOf(services, value, file, field)
    }
    const profile = await chooseProfile(services, options.profile)
    const request = checkRequest(toolId, { toolId, body, images, profileId: profile.id }, file)
    const { taskId } = await services.tools.submit(request)
    return finishTask(context, services, taskId, options)
  })
}

/** `img-open request <path>`: a custom request with the profile's keys, `businessTaskId` filled in. */
export async function runRequest(context: CliContext, path: string, options: ToolOptions): Promise<ExitCode> {
  if (options.params === undefined) throw usageError('toolCodeMissing')
  const body = await readJsonObject(options.params)
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const { taskId } = await services.tools.customRequest({
      path,
      body,
      profileId: profile.id,
      ...(options.toolCode ? { toolCode: options.toolCode } : {}),
    })
    return finishTask(context, services, taskId, options)
  })
}
