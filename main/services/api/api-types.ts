import type { SdEndpointId, SdParamsById } from '#contract'

export type { Text2ImageV3Params } from '#contract'

/** Where and as whom one call goes; resolved from the active profile at call time, never stored. */
export interface ApiConnection {
  readonly baseUrl: string
  /**
   * Absent for the built-in demo (simulator) profile, which needs no keys: the client then sends
   * no auth headers, and only a simulator started in demo mode accepts that.
   */
  readonly auth: { readonly accessKeyId: string; readonly accessKeySecret: string } | null
  /** The keys may go over plain http:// to another machine (the profile's explicit choice). */
  readonly allowInsecureHttp?: boolean
}

export interface CallOptions {
  readonly signal?: AbortSignal
  /** Overrides the client's overall deadline for this call (ms, retries included). */
  readonly deadlineMs?: number
}

/** The task state the app works with, whatever status numbers the service used (see api-guesses.ts). */
export type TaskState = 'queued' | 'running' | 'succeeded' | 'failed'

export interface TaskImage {
  readonly url: string
  readonly seed: number | null
  /** `image_status` as the service sent it. */
  readonly status: number | null
  /** `img_audit_status`: true = passed, false = flagged, null = not reported. */
  readonly auditPassed: boolean | null
  readonly auditLabels: readonly string[]
}

/** One answer of a task query, normalised. */
export interface TaskSnapshot {
  readonly taskId: string
  readonly state: TaskState
  /** `data.status` as sent, for display and for the guesses module. */
  readonly rawStatus: number | null
  /**
   * False when `rawStatus` is not one the guesses module knows; `state` is then 'running' and the
   * tracker gives up after a bounded time. Absent means recognised.
   */
  readonly statusRecognised?: boolean
  readonly description: string
  /** 0–100, or null when the service gave nothing usable (indeterminate progress bar). */
  readonly percent: number | null
  /** An intermediate image: a URL or a data: URL, when the service sent one. */
  readonly previewImage: string | null
  /** Time left as the service estimated it, when it sent one. */
  readonly etaMs?: number | null
  readonly images: readonly TaskImage[]
}

/** What a submit established. */
export interface SubmitResult {
  /** The caller-chosen id (`id_task` / `businessTaskId`): the id to query with. */
  readonly taskId: string
  /** The id the service answered, when it differs from `taskId`. */
  readonly serviceTaskId?: string | null
  /** True when the answer was lost and a status query proved the task exists. */
  readonly reconciled?: boolean
}

export interface Page<T> {
  readonly rows: readonly T[]
  readonly total: number
  readonly pageNum: number
  readonly pageSize: number
}

/** A model, LoRA, VAE or embedding from the server's lists, reduced to what the app uses. */
export interface ServerAsset {
  readonly kind: 'checkpoint' | 'lora' | 'vae' | 'embedding'
  /** The exact name the API expects (`sdModelCheckpoint`, `sdLoraFileSimplifyName`, …). */
  readonly fileName: string
  readonly displayName: string
  readonly baseModel: string | null
  readonly imageUrl: string | null
  /** The file's hash as the list gives it, lowercase hex (only the model list documents one). */
  readonly hash?: string | null
}

export type AssetKind = ServerAsset['kind']

export interface PageRequest {
  readonly pageNum: number
  readonly pageSize: number
}

/** An image downloaded from a result URL (which never receives the access keys). */
export interface FetchedImage {
  readonly bytes: Uint8Array
  readonly contentType: string | null
}

export interface FetchImageOptions extends CallOptions {
  /** Hard cap; the download fails with `protocol` beyond it. */
  readonly maxBytes?: number
}

export type ImageUrlState = 'valid' | 'expired' | 'unreachable'

/**
 * The Img Open API as the rest of main uses it. Every method rejects only with AppError
 * (auth, quota, invalid_request, not_found, server, network, timeout, protocol, cancelled).
 */
export interface ApiClient {
  /**
   * Submits one SD task to the endpoint of its registry row (main/contract/endpoints/sd-rows.ts):
   * the row's path, its body built from `params` with the caller-chosen task id, its answer
   * reader. Resent only when the connection failed before the request could arrive; a lost answer
   * is reconciled with a query at the row's query path, so at most one task exists for `taskId`.
   * The service downloads input images from their links itself.
   */
  submit<E extends SdEndpointId>(
    connection: ApiConnection,
    endpoint: E,
    taskId: string,
    params: SdParamsById[E],
    options?: CallOptions,
  ): Promise<SubmitResult>
  /**
   * Whether an image link still answers (HEAD, no keys sent): `valid` (2xx and an image type or
   * none), `expired` (403/404/410, the usual answers of an expired signed link), `unreachable`.
   */
  checkImageUrl(url: string, options?: CallOptions): Promise<ImageUrlState>
  /** Realtime status (current month). */
  queryTask(connection: ApiConnection, taskId: string, options?: CallOptions): Promise<TaskSnapshot>
  /** Archived detail (older tasks). */
  queryArchivedTask(connection: ApiConnection, taskId: string, options?: CallOptions): Promise<TaskSnapshot>
  listAssets(
    connection: ApiConnection,
    kind: AssetKind,
    page: PageRequest,
    options?: CallOptions,
  ): Promise<Page<ServerAsset>>
  /** Downloads a result or preview image (http/https), streamed with a hard size cap, no keys sent. */
  fetchImage(url: string, options?: FetchImageOptions): Promise<FetchedImage>
}
