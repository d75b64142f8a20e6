import type { Result } from '#contract'

/*
 * What early/early-socket.ts hands the entry chunk (kept apart from that script, which connects as
 * soon as it is evaluated).
 */

/** The connection the early script opened and the first reads it sent; the entry takes it once. */
export interface EarlyConnection {
  readonly socket: WebSocket
  /**
   * The first reads' answers, by `callKey`; each is taken once. Undefined: never sent (the socket
   * closed before it opened), so the entry sends it as any other call.
   */
  readonly answers: Map<string, Promise<Result<unknown> | undefined>>
  /** The first request id the entry may use (the ones below are the early script's). */
  readonly nextId: number
}

declare global {
  interface Window {
    imgOpenEarly?: EarlyConnection
  }
}

/** How a read is matched to its early answer: same procedure, same input. */
export const callKey = (method: string, input: unknown): string => `${method} ${JSON.stringify(input)}`
