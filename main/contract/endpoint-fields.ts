import { sdEndpointIds, sdEndpoints, type SdEndpointId } from './endpoints/sd-rows'
import type { UnsentField, WholeNumberField } from './endpoints/sd-field-rules'

export type { UnsentField, WholeNumberField } from './endpoints/sd-field-rules'

/*
 * What each SD endpoint does with the fields every mode shares, read from its registry row
 * (endpoints/sd-rows.ts). Main builds its bodies from the rows and the workbench form shows them
 * (a field the endpoint does not send is turned off, a rounded number shows the value sent), so the
 * two cannot drift.
 */

/** The endpoint a request reaches: one SD registry row. */
export type RequestEndpoint = SdEndpointId

const byEndpoint = <T>(read: (id: SdEndpointId) => T): Record<SdEndpointId, T> =>
  Object.fromEntries(sdEndpointIds.map((id) => [id, read(id)])) as Record<SdEndpointId, T>

/** Each endpoint's unsent shared fields (its row's `unsentFields`). */
export const unsentFields: Record<SdEndpointId, readonly UnsentField[]> = byEndpoint(
  (id) => sdEndpoints[id].unsentFields,
)

/** Each endpoint's integer-typed number fields (its row's `wholeNumberFields`). */
export const wholeNumberFields: Record<SdEndpointId, readonly WholeNumberField[]> = byEndpoint(
  (id) => sdEndpoints[id].wholeNumberFields,
)

export const isFieldSent = (endpoint: RequestEndpoint, field: UnsentField): boolean =>
  !sdEndpoints[endpoint].unsentFields.includes(field)

export const takesWholeNumbers = (endpoint: RequestEndpoint, field: WholeNumberField): boolean =>
  sdEndpoints[endpoint].wholeNumberFields.includes(field)

/** The value that goes on the wire: rounded where the endpoint wants an integer. */
export const sentNumber = (endpoint: RequestEndpoint, field: WholeNumberField, value: number): number =>
  takesWholeNumbers(endpoint, field) ? Math.round(value) : value
