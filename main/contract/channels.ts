import type { EventName } from './events'
import type { ProcedureName } from './procedures'

/*
 * Plain name lists for the sandboxed preload, which must not bundle the schema library.
 * `satisfies Record<…, true>` makes the compiler reject a missing or an extra name.
 */
const procedureTable = {
  'app.info': true,
  'app.echo': true,
} satisfies Record<ProcedureName, true>

const eventTable = {
  'app.ready': true,
} satisfies Record<EventName, true>

export const procedureNames = Object.keys(procedureTable) as ProcedureName[]
export const eventNames = Object.keys(eventTable) as EventName[]

/** The one IPC channel that carries main → renderer events. */
export const eventChannel = 'img-open:event'
