import type { TemporaryImageStyle } from '../services/api/api-guesses'
import type { TaskState } from '../services/api/api-types'
import type { CallbackRecord } from './sim-callbacks'
import type { SimulatorFaults } from './sim-faults'
import type { SimulatorKeys } from './sim-keys'
import type { SimInput } from './sim-source-image'
import type { SimTiming } from './sim-tasks'
import type { SimToolAnswer } from './sim-tool-routes'
import type { SimTrainingJob } from './sim-training'

/* The simulator's public types: how it is started and what a test or the CLI can ask of it. */

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** 127.0.0.1 by default; the simulator is meant for this machine only. */
  readonly host?: string
  /** Accepted key pairs; the public test keys by default. */
  readonly keys?: readonly SimulatorKeys[]
  /** Demo mode: calls without auth headers are accepted too (wrong keys still fail). */
  readonly demo?: boolean
  readonly faults?: SimulatorFaults
  /** Simulated time; tasks progress by it. */
  readonly clock?: () => number
  /** Seeds the fault generator: the same seed and requests give the same faults. */
  readonly seed?: number
  readonly timing?: Partial<SimTiming>
  /** Which form of `temporaryImageDto` running tasks report (api-guesses.ts guess 4). */
  readonly temporaryImageStyle?: TemporaryImageStyle
  /** Tasks older than this leave the realtime query (only the archive has them). */
  readonly archiveAfterMs?: number
  /** Images each account may generate; unlimited by default. */
  readonly credits?: number
  /** Pause before a failed callback is tried again (3 tries in all). */
  readonly callbackRetryMs?: number
  /** How often terminal tasks are checked for callbacks. */
  readonly tickMs?: number
  /** Serve HTTPS with this key and certificate (PEM), e.g. for TLS and proxy tests. */
  readonly tls?: { readonly key: string; readonly cert: string }
  /**
   * How long a result link (final image, CNT preview output) works after its task finished; then
   * GET and HEAD answer 403 like an expired signed URL. Unlimited by default.
   */
  readonly resultLinkTtlMs?: number
  /** How many images the demo upload host keeps at most (200 by default). */
  readonly maxUploads?: number
  /** How tool submits answer: as each tool's page shows (default), the result at once, or `{task_id}`. */
  readonly toolAnswer?: SimToolAnswer
  /** Test knob: text appended to every string a tool answers (a canary for SECURITY.md #25). */
  readonly toolEcho?: string
  /** How long a training job takes before its LoRA shows in the LoRA list (5 s by default). */
  readonly trainingMs?: number
}

export interface SimTaskView {
  readonly taskId: string
  readonly version: 'v2' | 'v3'
  readonly prompt: string
  readonly createdAt: number
  readonly imageCount: number
  readonly state: TaskState
  readonly percent: number
}

/** One request as the simulator saw it (never the key values). */
export interface RequestRecord {
  readonly method: string
  readonly path: string
  /** `businessTaskId` of a query, when given. */
  readonly taskId: string | null
  readonly withAuth: boolean
  readonly at: number
  /** The JSON body of a submit (generation or tool), as sent; absent on other requests. */
  readonly body?: unknown
}

export interface Simulator {
  readonly url: string
  readonly keys: readonly SimulatorKeys[]
  readonly demo: boolean
  /** Replaces every fault knob. */
  setFaults(faults: SimulatorFaults): void
  readonly tasks: {
    list(): SimTaskView[]
    get(taskId: string): SimTaskView | undefined
    count(): number
  }
  readonly requests: {
    list(): readonly RequestRecord[]
    count(filter?: { readonly path?: string; readonly taskId?: string }): number
    clear(): void
  }
  readonly callbacks: readonly CallbackRecord[]
  /**
   * The images that reached the service for a task (img2img source and mask, ControlNet base and
   * control images, a CNT preview's source), in the order they were fetched: `field` is
   * `image_link`, `mask_link`, `controlnet.args[<i>].image_link` or `sourceImage`.
   */
  inputs(taskId: string): readonly SimInput[]
  /** Makes every result link issued so far answer 403, like signed URLs past their expiry. */
  expireResultLinks(): void
  /** How many images the demo upload host holds (`/sim-uploads/`). */
  uploadCount(): number
  /** LoRA training jobs (§14): what each was sent, and the time a new one takes. */
  readonly training: {
    jobs(): readonly SimTrainingJob[]
    setTrainingMs(ms: number): void
  }
  close(): Promise<void>
}
