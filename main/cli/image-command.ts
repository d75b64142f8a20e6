import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  imageLinkSchema,
  isAppError,
  text2ImageV3BoundsSchema,
  type ImageSource,
  type TaskRequest,
} from '#contract'
import type { Services } from '../services/create-services'
import { readImageInfo } from '../services/images/image-info'
import { usageError, type ExitCode } from './cli-errors'
import { noteLine, type CliContext } from './cli-context'
import { chooseProfile, withServices, type ConnectionOptions } from './cli-session'
import { readParamsFile, type ParamsOf } from './params-file'
import { finishTask, type FinishOptions } from './task-finish'

/** The image commands; img2img and inpaint share img2img v2's params (guess 14). */
export const imageCommands = ['img2img', 'inpaint', 'controlnet'] as const
export type ImageCommand = (typeof imageCommands)[number]

export interface ImageCommandOptions extends ConnectionOptions, FinishOptions {
  readonly params: string
  readonly image?: string
  readonly mask?: string
  /** One per ControlNet unit, in order. */
  readonly control?: readonly string[]
  readonly allowResize?: boolean
  readonly keepUploads?: boolean
  /** controlnet: `v2` (`/sd/v2/controlnet`, the default) or `v3` (text2image v3, "under development"). */
  readonly api?: ControlNetApi
}

/** The `--api` values of controlnet, and the endpoint each names. */
export const controlNetApis = { v2: 'controlnet-v2', v3: 'text2image-v3' } as const
export type ControlNetApi = keyof typeof controlNetApis

/** A local image file is read whole; anything beyond this is not a picture meant for the service. */
const maxImageFileBytes = 64 * 1024 * 1024

const isLink = (text: string) => /^https?:\/\//i.test(text)

/** The command line's own mistakes, found before anything opens. */
function checkArguments(command: ImageCommand, options: ImageCommandOptions): void {
  if (command !== 'controlnet' && options.image === undefined) throw usageError('imageRequired', { command })
  if (command === 'inpaint' && options.mask === undefined) throw usageError('maskRequired')
  if (command !== 'inpaint' && options.mask !== undefined) throw usageError('maskOnlyInpaint')
  for (const text of [options.image, options.mask, ...(options.control ?? [])]) {
    if (text !== undefined && isLink(text) && !imageLinkSchema.safeParse(text).success) {
      throw usageError('imageUrlInvalid', { url: text.slice(0, 200) })
    }
  }
}

/** An image argument: a link sent as it is, or a local file's bytes (uploaded at submit). */
type ImageArgument = { readonly url: string } | { readonly bytes: Buffer }

interface ImageArguments {
  readonly image?: ImageArgument
  readonly mask?: ImageArgument
  readonly controls: readonly ImageArgument[]
}

/** Reads and checks a local image file, so a wrong path is a usage error before anything opens. */
async function readArgument(text: string): Promise<ImageArgument> {
  if (isLink(text)) return { url: text }
  let bytes: Buffer
  try {
    if ((await stat(text)).size > maxImageFileBytes) throw new Error('too large')
    bytes = await readFile(text)
  } catch {
    throw usageError('imageUnreadable', { file: text })
  }
  try {
    await readImageInfo(bytes)
  } catch (error) {
    if (isAppError(error)) throw usageError('imageNotImage', { file: text })
    throw error
  }
  return { bytes }
}

async function readArguments(options: ImageCommandOptions): Promise<ImageArguments> {
  const optional = (text: string | undefined) => (text === undefined ? undefined : readArgument(text))
  const controls: ImageArgument[] = []
  for (const text of options.control ?? []) controls.push(await readArgument(text))
  return { image: await optional(options.image), mask: await optional(options.mask), controls }
}

/** A link as it is; a file into the image cache, from where the submit uploads it. */
const sourceOf = async (services: Services, argument: ImageArgument): Promise<ImageSource> =>
  'url' in argument
    ? { type: 'url', url: argument.url }
    : { type: 'cached', cacheKey: (await services.images.put(argument.bytes)).cacheKey }

/** One control image (or the base image's stand-in, null) per unit; too many or a gap is a usage error. */
function controlSlots<T>(controls: readonly T[], units: number, hasImage: boolean): (T | null)[] {
  if (controls.length > units) throw usageError('controlTooMany', { given: controls.length, units })
  return Array.from({ length: units }, (_, unit) => {
    const control = controls[unit]
    if (control === undefined && !hasImage) throw usageError('controlMissing', { unit: unit + 1 })
    return control ?? null
  })
}

/** A params file of the command's mode, with its notes printed. */
type ImageParams =
  | { readonly command: 'controlnet'; readonly params: ParamsOf<'controlnet'> }
  | { readonly command: 'img2img' | 'inpaint'; readonly params: ParamsOf<'image2image'> }

async function readImageParams(
  context: CliContext,
  command: ImageCommand,
  path: string,
): Promise<ImageParams> {
  const read = async <K extends 'image2image' | 'inpaint' | 'controlnet'>(kind: K) => {
    const file = await readParamsFile(path, kind)
    if (file.idTaskIgnored) noteLine(context, context.say('paramsIdTaskIgnored', { file: path }))
    return file.params
  }
  return command === 'controlnet'
    ? { command, params: await read('controlnet') }
    : { command, params: await read(command === 'inpaint' ? 'inpaint' : 'image2image') }
}

async function buildRequest(
  services: Services,
  file: ImageParams,
  images: ImageArguments,
  options: ImageCommandOptions,
  profileId: string,
): Promise<TaskRequest> {
  const inputOptions = {
    allowResize: options.allowResize === true,
    keepUploads: options.keepUploads === true,
  }
  const source = images.image === undefined ? undefined : await sourceOf(services, images.image)
  const common = { profileId, options: inputOptions }
  if (file.command === 'controlnet') {
    const slots = controlSlots(images.controls, file.params.alwayson_scripts.controlnet.args.length, !!source)
    const controlImages: (ImageSource | null)[] = []
    for (const slot of slots) controlImages.push(slot === null ? null : await sourceOf(services, slot))
    const endpoint = controlNetApis[options.api ?? 'v2']
    return { kind: 'controlnet', ...common, params: file.params, endpoint, source, controlImages }
  }
  if (!source) throw usageError('imageRequired', { command: file.command })
  if (file.command === 'img2img') return { kind: 'image2image', ...common, params: file.params, source }
  if (images.mask === undefined) throw usageError('maskRequired')
  const mask = await sourceOf(services, images.mask)
  return { kind: 'inpaint', ...common, params: file.params, source, mask }
}

/** text2image v3 bounds the size and prompt more tightly than the params file's own schema (§2). */
function checkV3Bounds(path: string, params: ParamsOf<'controlnet'>): void {
  const issue = text2ImageV3BoundsSchema.safeParse(params).error?.issues[0]
  if (issue) {
    throw usageError('paramsInvalid', {
      file: basename(path),
      field: issue.path.map(String).join('.'),
      detail: issue.message,
    })
  }
}

/**
 * `img-open img2img|inpaint|controlnet`: like `generate`, with input images. A URL is sent as it
 * is; a local file goes into the image cache and is uploaded at submit through the profile's own
 * storage (the demo profile's simulator keeps it in memory), exactly as the app's workbench does.
 */
export async function runImageCommand(
  context: CliContext,
  command: ImageCommand,
  options: ImageCommandOptions,
): Promise<ExitCode> {
  checkArguments(command, options)
  const file = await readImageParams(context, command, options.params)
  if (file.command === 'controlnet') {
    // Checked before anything opens or uploads, like every other mistake of the command line.
    controlSlots(options.control ?? [], file.params.alwayson_scripts.controlnet.args.length, !!options.image)
    if (options.api === 'v3') checkV3Bounds(options.params, file.params)
  }
  const images = await readArguments(options)
  return withServices(context, options, async (services) => {
    const profile = await chooseProfile(services, options.profile)
    const request = await buildRequest(services, file, images, options, profile.id)
    const { taskId } = await services.tasks.submit(request)
    return finishTask(context, services, taskId, options)
  })
}
