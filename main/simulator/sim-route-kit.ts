import { simulatedServiceCodes, type TemporaryImageStyle } from '../services/api/api-guesses'
import type { FaultState } from './sim-faults'
import type { SimTask, SimTiming } from './sim-tasks'
import type { SimToolState } from './sim-tool-routes'
import type { SimToolTask } from './sim-tools'
import type { SimTrainingState } from './sim-training'

/** The tasks and balances the simulator keeps. */
export interface SimStore {
  readonly tasks: Map<string, SimTask>
  /** Tool tasks (the CNT preview), by `businessTaskId`. */
  readonly toolTasks: Map<string, SimToolTask>
  /** Every other documented tool's runs, answer shape and test knobs (sim-tool-routes.ts). */
  readonly tools: SimToolState
  /** LoRA training jobs (§14) and how long each takes. */
  readonly training: SimTrainingState
  /** Tasks whose result links were expired by `expireResultLinks()`. */
  readonly expired: Set<string>
  /** Images each account may still generate; absent = unlimited. */
  readonly credits: Map<string, number>
  nextServiceId: number
}

export interface RouteContext {
  readonly store: SimStore
  readonly baseUrl: string
  readonly path: string
  readonly now: number
  readonly timing: SimTiming
  readonly style: TemporaryImageStyle
  readonly faults: FaultState
  readonly archiveAfterMs: number
  /** Whose balance a submit spends. */
  readonly account: string
  /** Aborted when the simulator closes (ends image downloads). */
  readonly signal: AbortSignal
}

export interface Envelope {
  readonly code: string
  readonly msg: string
  readonly data: unknown
}

export type RouteAnswer = { readonly kind: 'json'; readonly envelope: Envelope } | { readonly kind: 'reset' }

export type Route = (ctx: RouteContext, body: unknown) => RouteAnswer | Promise<RouteAnswer>

export const ok = (data: unknown): RouteAnswer => ({
  kind: 'json',
  envelope: { code: '200', msg: 'success', data },
})

/** A business error: HTTP 200 with a non-"200" code (guess 6), the simulator's codes (guess 5). */
export const businessError = (kind: keyof typeof simulatedServiceCodes, msg: string): RouteAnswer => ({
  kind: 'json',
  envelope: { code: simulatedServiceCodes[kind], msg, data: null },
})

/** The refusal of an invalid field, in the form the client reads the field from (guess 7). */
export const invalidParameter = (field: string, message: string): RouteAnswer =>
  businessError('invalid', `invalid parameter: ${field}: ${message}`)

export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
