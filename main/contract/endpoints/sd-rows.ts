import type { z } from 'zod'
import {
  controlNetParamsSchema,
  text2ImageV3ParamsSchema,
  type ControlNetParams,
  type Text2ImageV3Params,
} from '../schemas/controlnet'
import { image2ImageParamsSchema, type Image2ImageParams } from '../schemas/image2image'
import type { TaskKind } from '../schemas/task'
import { text2ImageParamsSchema, type Text2ImageParams } from '../schemas/text2image'
import type { Bilingual } from './field-spec'
import {
  buildControlNetBody,
  buildImage2ImageBody,
  buildText2ImageBody,
  buildText2ImageV3Body,
  checkText2ImageV3Bounds,
} from './sd-bodies'
import type { FieldRules } from './sd-field-rules'

/*
 * One row per SD endpoint (shared/api/img-open-api.md §1, §2, §9–§11). Everything the app does
 * with an endpoint is derived from its row: the client's submit (api-client.ts), the request it
 * previews and copies as curl (sd-routing.ts), the workbench form's sent and rounded fields
 * (endpoint-fields.ts), the simulator's routes and the history's kind. The image tools have their
 * own rows (tool-rows.ts).
 */

export const sdEndpointIds = [
  'text2image-v2',
  'text2image-v3',
  'image2image-v2',
  'inpaint',
  'controlnet-v2',
] as const
export type SdEndpointId = (typeof sdEndpointIds)[number]

/** The params each endpoint is built from (the history keeps them; links already resolved). */
export interface SdParamsById {
  readonly 'text2image-v2': Text2ImageParams
  readonly 'text2image-v3': Text2ImageV3Params
  readonly 'image2image-v2': Image2ImageParams
  readonly inpaint: Image2ImageParams
  readonly 'controlnet-v2': ControlNetParams
}

/** How the submit answer is read: the id the service answered (main's wire.ts `parseSubmitData`). */
export type SdAnswerReader = 'submit-id'
/** How a query answer is read: SD's task status (main's wire.ts `parseQueryData`). */
export type SdResultReader = 'sd-query'
/**
 * When a task is finished: `sd-status` = `data.status` read by guess 1 (2 done; failures end it;
 * unknown numbers count as running, bounded by guess 2), the images in `differentialImageRspList`.
 */
export type SdCompletionRule = 'sd-status'

/** The realtime and archived SD task queries (§6, §5): every SD endpoint's tasks are read there. */
export const sdQueryPaths = {
  realtime: '/AIGCImgOpenServ/saas/sd/v2/queryTaskInfo',
  archived: '/AIGCImgOpenServ/saas/sd/queryTaskInfo',
} as const

export interface SdEndpointRow<P> extends FieldRules {
  readonly path: string
  readonly name: Bilingual
  /** The params as the history keeps them and the builder takes them. */
  readonly paramsSchema: z.ZodType<P>
  /** Body fields the docs mark required (paths into the body): every body built holds them. */
  readonly requiredFields: readonly string[]
  /** The body for one submit; throws AppError('invalid_request', naming the field) for what it refuses. */
  readonly buildBody: (taskId: string, params: P) => Record<string, unknown>
  readonly answer: SdAnswerReader
  /** The answer the simulator gives, and the docs show where they show one. */
  readonly documentedAnswer: 'task_id' | 'taskId+businessTaskId'
  readonly result: SdResultReader
  readonly queryPath: string
  readonly archivedQueryPath: string
  readonly completion: SdCompletionRule
  /** The history's kind of a task sent here (v3 is reached only from a ControlNet task today). */
  readonly historyKind: TaskKind
  /** That kind's name in the history (rows of one kind share it; history-kind.ts reads it). */
  readonly historyName: Bilingual
}

export type SdEndpointTable = { readonly [K in SdEndpointId]: SdEndpointRow<SdParamsById[K]> }

const sdTask = {
  answer: 'submit-id',
  result: 'sd-query',
  queryPath: sdQueryPaths.realtime,
  archivedQueryPath: sdQueryPaths.archived,
  completion: 'sd-status',
} as const

/**
 * img2img v2 (§9) lists no `callbackUrl` (§8: callbacks are "not shown in the stored v2 SD field
 * tables"; the app polls anyway) and types `hr_scale` and `cfg_scale` as integers.
 */
const image2imageRules: FieldRules = {
  unsentFields: ['callbackUrl'],
  wholeNumberFields: ['hr_scale', 'cfg_scale'],
}

/**
 * ControlNet v2 (§11) lists no `hr_upscaler`, `ADetailer` or `callbackUrl` (the service then uses
 * its own upscaler and no ADetailer) and types `hr_scale` only as an integer. Should the live
 * service take one of them, delete it here.
 */
const controlNetRules: FieldRules = {
  unsentFields: ['callbackUrl', 'hr_upscaler', 'alwayson_scripts.ADetailer'],
  wholeNumberFields: ['hr_scale'],
}

/**
 * text2image v2 sends every shared field as it is (its §1 table says integer for `hr_scale`, but
 * A1111's 1.5× is common and the service has taken it so far); v3 has its own camelCase fields.
 */
const sendAsIs: FieldRules = { unsentFields: [], wholeNumberFields: [] }

const image2imageRequired = ['prompt', 'alwayson_scripts.sd_model_checkpoint', 'alwayson_scripts.id_task']

const table = {
  'text2image-v2': {
    ...sdTask,
    ...sendAsIs,
    path: '/AIGCImgOpenServ/saas/sd/v2/text2image',
    name: { en: 'text2image v2', zh: '文生图 v2' },
    paramsSchema: text2ImageParamsSchema,
    requiredFields: ['batch_size', 'alwayson_scripts.sd_model_checkpoint', 'alwayson_scripts.id_task'],
    buildBody: buildText2ImageBody,
    documentedAnswer: 'task_id',
    historyKind: 'text2image',
    historyName: { en: 'Text to image', zh: '文生图' },
  },
  'text2image-v3': {
    ...sdTask,
    ...sendAsIs,
    path: '/AIGCImgOpenServ/saas/sd/v3/text2Image',
    name: { en: 'text2image v3', zh: '文生图 v3' },
    paramsSchema: text2ImageV3ParamsSchema,
    // §2 marks nothing; a model code and our task id are what any v3 call needs (guess 11).
    requiredFields: ['prompt', 'baseModelCode', 'businessTaskId'],
    buildBody: (taskId, params) => {
      checkText2ImageV3Bounds(params)
      return buildText2ImageV3Body(taskId, params)
    },
    documentedAnswer: 'taskId+businessTaskId',
    historyKind: 'controlnet',
    historyName: { en: 'ControlNet', zh: 'ControlNet' },
  },
  'image2image-v2': {
    ...sdTask,
    ...image2imageRules,
    path: '/AIGCImgOpenServ/saas/sd/v2/image2image',
    name: { en: 'img2img v2', zh: '图生图 v2' },
    paramsSchema: image2ImageParamsSchema,
    requiredFields: [...image2imageRequired, 'alwayson_scripts.image_link'],
    buildBody: (taskId, params) => buildImage2ImageBody(taskId, params, image2imageRules),
    documentedAnswer: 'task_id',
    historyKind: 'image2image',
    historyName: { en: 'Image to image', zh: '图生图' },
  },
  /**
   * Guess 14: inpainting. The inpaint page (§10, "局部重绘-v1") is missing from the stored docs, so
   * the app inpaints through img2img v2: the source as `alwayson_scripts.image_link`, the painted
   * mask as `alwayson_scripts.mask_link` and §9's `mask_blur*` / `inpaint*` / `inpainting_*`
   * fields, which are documented; the answer is read as text2image's. Moving to the dedicated page
   * is a change of this row only.
   */
  inpaint: {
    ...sdTask,
    ...image2imageRules,
    path: '/AIGCImgOpenServ/saas/sd/v2/image2image',
    name: { en: 'img2img v2 (inpaint)', zh: '图生图 v2（局部重绘）' },
    paramsSchema: image2ImageParamsSchema,
    requiredFields: [...image2imageRequired, 'alwayson_scripts.image_link', 'alwayson_scripts.mask_link'],
    buildBody: (taskId, params) => buildImage2ImageBody(taskId, params, image2imageRules),
    documentedAnswer: 'task_id',
    historyKind: 'inpaint',
    historyName: { en: 'Inpaint', zh: '局部重绘' },
  },
  'controlnet-v2': {
    ...sdTask,
    ...controlNetRules,
    path: '/AIGCImgOpenServ/saas/sd/v2/controlnet',
    name: { en: 'ControlNet v2', zh: 'ControlNet v2' },
    paramsSchema: controlNetParamsSchema,
    requiredFields: [
      'prompt',
      'batch_size',
      'resize_mode',
      'alwayson_scripts.id_task',
      'alwayson_scripts.controlnet',
    ],
    buildBody: (taskId, params) => buildControlNetBody(taskId, params, controlNetRules),
    documentedAnswer: 'task_id',
    historyKind: 'controlnet',
    historyName: { en: 'ControlNet', zh: 'ControlNet' },
  },
} as const satisfies SdEndpointTable

/**
 * The SD endpoint registry. Typed as the mapped table (not the literal) so that a generic
 * `sdEndpoints[id]` keeps the link between an endpoint and its params.
 */
export const sdEndpoints: SdEndpointTable = table

/** Every distinct SD submit path (inpaint shares img2img's today). */
export const sdSubmitPaths: readonly string[] = [...new Set(sdEndpointIds.map((id) => table[id].path))]
