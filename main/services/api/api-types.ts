import type { Text2ImageParams } from '../../contract'

/** Where and as whom one call goes; resolved from the active profile at call time, never stored. */
export interface ApiConnection {
  readonly baseUrl: string
  /** Absent for the built-in demo (simulator) profile, which needs no keys. */
  readonly auth: { readonly accessKeyId: string; readonly accessKeySecret: string } | null
}

export interface CallOptions {
  readonly signal?: AbortSignal
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
  readonly description: string
  /** 0–100, or null when the service gave nothing usable (indeterminate progress bar). */
  readonly percent: number | null
  /** An intermediate image: a URL or a data: URL, when the service sent one. */
  readonly previewImage: string | null
  readonly images: readonly TaskImage[]
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
}

export interface PageRequest {
  readonly pageNum: number
  readonly pageSize: number
}

/**
 * The Img Open API as the rest of main uses it. Every method rejects only with AppError
 * (auth, quota, invalid_request, not_found, server, network, timeout, protocol, cancelled).
 */
export interface ApiClient {
  /** Submits text2image v2 with the caller-chosen task id; safe to retry with the same id. */
  submitText2Image(
    connection: ApiConnection,
    taskId: string,
    params: Text2ImageParams,
    options?: CallOptions,
  ): Promise<{ readonly taskId: string }>
  /** Realtime status (current month). */
  queryTask(connection: ApiConnection, taskId: string, options?: CallOptions): Promise<TaskSnapshot>
  /** Archived detail (older tasks). */
  queryArchivedTask(connection: ApiConnection, taskId: string, options?: CallOptions): Promise<TaskSnapshot>
  listAssets(
    connection: ApiConnection,
    kind: ServerAsset['kind'],
    page: PageRequest,
    options?: CallOptions,
  ): Promise<Page<ServerAsset>>
}
