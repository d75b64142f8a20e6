import type { ApiErrorCode } from './api-errors'
import type { AssetKind, TaskState } from './api-types'

/*
 * The guesses the request bodies need (11 text2image v3's names, 14 inpainting, 15 the ControlNet
 * units, 16 v3's external parameters) live in the contract beside the builders:
 * main/contract/endpoints/sd-guesses.ts and the `inpaint` row of sd-rows.ts.
 */
export { controlNetGuess, v3ExternalParameters, v3Fields } from '#contract'

/*
 * Everything about the Img Open API that no stored source confirms lives here, one guess per
 * export, each with its reasoning (see shared/api/img-open-api.md §6, §7 and Appendix B). Confirming
 * a guess against the live service is a change to this file only. The simulator answers with the
 * primary form of each guess; the client also tolerates the listed variants.
 */

/**
 * Guess 1: `data.status` numbers. Only `2` = success is documented; the public client treats 1 and 3
 * as "still in progress" and anything else as failed. 0 = queued and -1/4/5 = failed follow the
 * usual A1111-wrapper conventions. Other numbers are "unrecognised" (see guess 2).
 */
export const taskStatusGuess: Readonly<Record<number, TaskState>> = {
  0: 'queued',
  1: 'running',
  2: 'succeeded',
  3: 'running',
  4: 'failed',
  5: 'failed',
  [-1]: 'failed',
}

/** What the simulator sends for each state (the primary form of guess 1). */
export const simulatedStatus = { queued: 0, running: 1, succeeded: 2, failed: 4 } as const satisfies Record<
  TaskState,
  number
>

/**
 * Guess 2: an unrecognised status counts as running for this long (per task) before the tracker
 * gives up with `protocol`. A `desc` that reads like a failure ends it at once.
 */
export const unknownStatusGraceMs = 5 * 60_000
export const failureDescription = /fail|error|失败|错误|异常/i

/**
 * Guess 3: how long after a submit the task may still be unknown to the query endpoint (replication
 * lag). Reconciling a lost submit answer and tracking a new task both treat `not_found` as "not yet"
 * for this long.
 */
export const newTaskQueryLagMs = 3_000

/**
 * Guess 4: the shape of `temporaryImageDto` while a task runs. Field names are tried in order. The
 * percent may be 0–100 (`percent`, `percentage`) or 0–1 (`progress`, as A1111's /progress); a
 * fractional value ≤ 1 is read as 0–1. The preview may be a URL, a data: URL or bare base64 (as
 * A1111's `current_image`). `eta`/`eta_relative` are seconds.
 */
export const temporaryImageFields = {
  percent: ['percent', 'percentage', 'progressPercent', 'progress', 'schedule'],
  unitScale: ['progress'],
  preview: ['imageUrl', 'image_url', 'imgUrl', 'url', 'image', 'current_image', 'temporaryImage'],
  etaSeconds: ['eta', 'eta_relative', 'etaSeconds'],
} as const

/** The two forms of guess 4 the simulator can send. */
export type TemporaryImageStyle = 'percent-url' | 'a1111-base64'

export function simulatedTemporaryImageDto(
  style: TemporaryImageStyle,
  percent: number,
  preview: string,
  etaSeconds: number,
): Record<string, unknown> {
  return style === 'percent-url'
    ? { percent: Math.round(percent), imageUrl: preview, eta: etaSeconds }
    : { progress: percent / 100, current_image: preview, eta_relative: etaSeconds }
}

/**
 * Guess 5: business `code` values (the status-code appendix was not stored) and, for codes not
 * listed, keywords of `msg` (English or Chinese). Anything else that is not "200" is `server`.
 */
export const serviceCodeGuess: Readonly<Record<string, ApiErrorCode>> = {
  '400': 'invalid_request',
  '401': 'auth',
  '403': 'auth',
  '402': 'quota',
  '429': 'quota',
  '404': 'not_found',
  '500': 'server',
  '502': 'server',
  '503': 'server',
}

export const serviceMessageGuess: ReadonlyArray<readonly [RegExp, ApiErrorCode]> = [
  [/access ?key|secret|unauthori[sz]ed|forbidden|鉴权|签名|密钥/i, 'auth'],
  [/balance|credit|quota|rate limit|余额|额度|次数不足|限流|频繁/i, 'quota'],
  [/not (?:exist|found)|不存在|未找到/i, 'not_found'],
  [/invalid|param|must|参数|格式/i, 'invalid_request'],
]

/** The codes the simulator answers with (primary form of guess 5). */
export const simulatedServiceCodes = {
  invalid: '400',
  auth: '401',
  quota: '402',
  notFound: '404',
  tooManyTasks: '429',
} as const

/**
 * Guess 6: business errors come with HTTP 200 (common for this kind of gateway). The client maps
 * HTTP statuses too, in case the service uses them: 401/403 auth, 402/429 quota, 404 not_found,
 * 400/413/422 invalid_request, 408 timeout, 5xx server, other non-2xx protocol.
 */
export const businessErrorHttpStatus = 200

export function classifyHttpStatus(status: number): ApiErrorCode | null {
  if (status >= 200 && status < 300) return null
  if (status === 401 || status === 403) return 'auth'
  if (status === 402 || status === 429) return 'quota'
  if (status === 404) return 'not_found'
  if (status === 400 || status === 413 || status === 422) return 'invalid_request'
  if (status === 408) return 'timeout'
  if (status >= 500) return 'server'
  return 'protocol'
}

/**
 * Guess 7: which field an `invalid_request` is about: `data.field` / `data.param`, or the name
 * after "invalid parameter:" / "参数错误:" in `msg` (the simulator's form).
 */
export const invalidFieldPattern = /(?:invalid parameter|参数错误|参数)\s*[:：]?\s*'?([A-Za-z_][\w.]*)/i
export const invalidFieldKeys = ['field', 'param', 'paramName'] as const

/**
 * Guess 8: a query answering code "200" with `data: null` means the task is unknown (not_found),
 * like an explicit not-found code.
 */
export const nullDataMeansNotFound = true

/**
 * Guess 9: the LoRA/VAE/embedding list paths (by analogy with queryModelList) and the row fields
 * of each list, tried in order. Only the model list's path and fields and `sdLoraFileSimplifyName`
 * are documented.
 */
export const assetListGuess: Readonly<
  Record<
    AssetKind,
    {
      readonly path: string
      readonly fileName: readonly string[]
      readonly displayName: readonly string[]
      readonly baseModel: readonly string[]
      readonly imageUrl: readonly string[]
    }
  >
> = {
  checkpoint: {
    path: '/AIGCImgOpenServ/saas/sd/v2/queryModelList',
    fileName: ['sdModelCheckpoint'],
    displayName: ['sdModelName'],
    baseModel: ['modelBaseModel'],
    imageUrl: ['modelImgUrl2', 'modelImgUrl'],
  },
  lora: {
    path: '/AIGCImgOpenServ/saas/sd/v2/queryLoraList',
    fileName: ['sdLoraFileSimplifyName', 'sdLoraFileName', 'loraFileName'],
    displayName: ['sdLoraName', 'loraName', 'sdLoraFileSimplifyName'],
    baseModel: ['loraBaseModel', 'modelBaseModel', 'baseModel'],
    imageUrl: ['loraImgUrl', 'modelImgUrl2', 'imgUrl'],
  },
  vae: {
    path: '/AIGCImgOpenServ/saas/sd/v2/queryVaeList',
    fileName: ['sdVaeName', 'vaeName', 'sdVae'],
    displayName: ['sdVaeShowName', 'sdVaeName', 'vaeName'],
    baseModel: ['vaeBaseModel', 'baseModel'],
    imageUrl: ['vaeImgUrl', 'imgUrl'],
  },
  embedding: {
    path: '/AIGCImgOpenServ/saas/sd/v2/queryEmbeddingList',
    fileName: ['sdEmbeddingName', 'embeddingName', 'sdEmbeddingFileName'],
    displayName: ['sdEmbeddingShowName', 'sdEmbeddingName', 'embeddingName'],
    baseModel: ['embeddingBaseModel', 'baseModel'],
    imageUrl: ['embeddingImgUrl', 'imgUrl'],
  },
}

/**
 * Guess 10: the submit answer's id field. text2image v2's answer is documented as `data.task_id`
 * (equal to `id_task`); tools answer `taskId`; v3 is undocumented and may echo `businessTaskId`.
 */
export const submitIdFields = ['task_id', 'taskId', 'businessTaskId'] as const

/**
 * Guess 12 (simulator only): a second submit with an `id_task` the service already has answers
 * that task again instead of creating another. The client never relies on it: a lost answer is
 * reconciled with a query first.
 */
export const serviceDedupesTaskId = true

/** Guess 13 (simulator only): a callback carries the same envelope as the realtime query answer. */
export const callbackCarriesQueryEnvelope = true

/**
 * Guess 17: the tool task query answer (§12 is cut off at "200 OK"). Tool results (§13: Flux,
 * instantID) look like `{taskId, businessTaskId, status, outputImageUrl}` with `status` 1 beside a
 * result, so: an output image under one of `imageFields` (tried in order; a list under
 * `imageListFields` also counts) means succeeded, whatever the status. Without one, `status` reads
 * as below (2 is SD's "done": a success without an image, which the caller reports); others are
 * unrecognised (guess 2). The text is `desc`, `msg` or `errorMsg`.
 */
export const toolTaskGuess = {
  imageFields: ['outputImageUrl', 'imageUrl', 'resultUrl', 'outputUrl', 'resultImageUrl', 'image_url', 'url'],
  imageListFields: ['outputImageUrls', 'imageUrls', 'resultUrls', 'images'],
  descriptionFields: ['desc', 'msg', 'errorMsg', 'message'],
} as const

export const toolStatusGuess: Readonly<Record<number, TaskState>> = {
  0: 'running',
  1: 'running',
  2: 'succeeded',
  3: 'running',
  4: 'failed',
  5: 'failed',
  [-1]: 'failed',
}

/** What the simulator's tool tasks answer (the primary form of guess 17). */
export const simulatedToolStatus = { running: 0, succeeded: 1, failed: -1 } as const

/**
 * Guess 18: whether an image link still works, asked without downloading it and never with keys.
 * A HEAD first. 405/501 (HEAD not allowed) and 403 are confirmed with a one-byte ranged GET,
 * because a link presigned for GET (S3, OSS, COS) refuses HEAD with 403 even while valid. An
 * expired or deleted signed link answers 403, 404 or 410 (400/401 on some stores): `expired`. A 2xx
 * counts as valid when its type is an image, binary or absent; another type (an error page served
 * with 200) as expired. Network failures, timeouts, 5xx and anything else: `unreachable`.
 */
export const imageLinkCheckGuess = {
  confirmWithGet: [403, 405, 501],
  expired: [400, 401, 403, 404, 410],
  validTypes: /^(?:image\/[\w.+-]+|application\/octet-stream|binary\/octet-stream)$/i,
} as const
