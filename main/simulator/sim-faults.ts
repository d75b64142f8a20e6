/**
 * When a fault fires: with `probability` (default 1, drawn from the simulator's seeded generator),
 * at most `remaining` more times (default unlimited), only on paths ending with one of `paths`
 * (default all).
 */
export interface FaultRule {
  readonly probability?: number
  readonly remaining?: number
  readonly paths?: readonly string[]
}

/** Every way the simulator can misbehave; all off by default. */
export interface SimulatorFaults {
  /** Added before every answer. */
  readonly latencyMs?: number
  /** Answer with a 5xx (default 503) and an error envelope. */
  readonly serverError?: FaultRule & { readonly status?: number }
  /** Answer 429 with `Retry-After: retryAfterSeconds` (default 1). */
  readonly rateLimit?: FaultRule & { readonly retryAfterSeconds?: number }
  /** Destroy the connection on arrival, before doing anything (no task is created). */
  readonly dropConnection?: FaultRule
  /** Answer HTTP 200 with a truncated JSON body. */
  readonly malformedJson?: FaultRule
  /** Send the body in small chunks with pauses (chunked encoding, no content-length). */
  readonly trickleBody?: FaultRule & { readonly chunkBytes?: number; readonly intervalMs?: number }
  /** Send no headers for `ms` (default: until the client gives up). */
  readonly stallHeaders?: FaultRule & { readonly ms?: number }
  /** Submits only: create the task, then reset the socket instead of answering. */
  readonly resetAfterSubmit?: FaultRule
  /** Answer the "insufficient balance" business error. */
  readonly quotaExceeded?: FaultRule
  /** Pad the answer to `bytes`; `chunked` sends it without content-length. */
  readonly oversizedBody?: FaultRule & { readonly bytes: number; readonly chunked?: boolean }
  /** Running tasks report this status number (one the client does not know). */
  readonly unknownStatus?: number
  /** Submitted tasks fail half-way. */
  readonly taskFailure?: FaultRule
  /**
   * A hostile or broken service: `text` (a test's canary) is echoed in every string a client reads,
   * an error's `msg`, `code` and `data.field`/`param`, and a task's `desc` (sim-echo.ts).
   */
  readonly echoText?: FaultRule & { readonly text: string }
}

type RuleName = {
  [K in keyof SimulatorFaults]-?: NonNullable<SimulatorFaults[K]> extends FaultRule ? K : never
}[keyof SimulatorFaults]

/** The simulator's mutable copy of the faults; `remaining` counts down as faults fire. */
export interface FaultState {
  readonly faults: SimulatorFaults
  /** Whether a rule fires for this request (and counts it). */
  fires(name: RuleName, path: string): boolean
  /** Replaces every fault. */
  set(faults: SimulatorFaults): void
}

export function createFaultState(initial: SimulatorFaults, random: () => number): FaultState {
  let faults: SimulatorFaults = { ...initial }
  const remaining = new Map<RuleName, number>()
  const load = (next: SimulatorFaults) => {
    faults = { ...next }
    remaining.clear()
    for (const [name, rule] of Object.entries(faults) as [RuleName, FaultRule | undefined][]) {
      if (typeof rule === 'object' && rule.remaining !== undefined) remaining.set(name, rule.remaining)
    }
  }
  load(initial)
  return {
    get faults() {
      return faults
    },
    fires(name, path) {
      const rule = faults[name] as FaultRule | undefined
      if (!rule) return false
      if (rule.paths && !rule.paths.some((suffix) => path.endsWith(suffix))) return false
      const left = remaining.get(name)
      if (left !== undefined && left <= 0) return false
      if (random() >= (rule.probability ?? 1)) return false
      if (left !== undefined) remaining.set(name, left - 1)
      return true
    },
    set: load,
  }
}
