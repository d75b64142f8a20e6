import type { ParsedInput, ProcedureName, ProcedureOutput } from './procedures'

/*
 * The service side of the procedures, next to them as Actual Budget keeps its handlers interface
 * (loot-core `types/handlers.ts`): main's dispatcher implements it, each area's `*-handlers.ts`
 * supplies its part, and a missing or mistyped handler is a compile error.
 */

/** Who is calling; transports fill it in after they have authenticated the caller. */
export interface CallContext {
  readonly transport: 'ipc' | 'websocket' | 'in-process'
}

/** One handler per procedure: its validated input in, its output (or a promise of it) out. */
export type Handlers = {
  [K in ProcedureName]: (
    input: ParsedInput<K>,
    ctx: CallContext,
  ) => Promise<ProcedureOutput<K>> | ProcedureOutput<K>
}
