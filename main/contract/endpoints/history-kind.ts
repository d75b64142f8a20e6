import { taskKinds, type TaskKind, type TaskRecord } from '../schemas/task'
import type { Bilingual } from './field-spec'
import { sdEndpointOf } from './sd-routing'
import { sdEndpointIds, sdEndpoints } from './sd-rows'
import { toolRegistry } from './tool-rows'
import { trainingRow } from './training-row'

/*
 * A history record's kind and its name in both languages, read from the row the task went to, in
 * this one place: an SD task's endpoint row (`historyKind`, `historyName`), a tool's row or the
 * training row (its name), or the custom request. A new row needs no change in the history.
 */

/** The name of a custom request (no row: the user wrote the path and body). */
export const customRequestName: Bilingual = { en: 'Custom request', zh: '自定义请求' }

/** The name of an SD kind: that of the rows whose tasks are kept as this kind. */
export function sdKindName(kind: TaskKind): Bilingual {
  const id = sdEndpointIds.find((endpoint) => sdEndpoints[endpoint].historyKind === kind)
  return id ? sdEndpoints[id].historyName : { en: kind, zh: kind }
}

/** The SD kinds with their names, in the order the history filters list them. */
export const sdKindNames = (): readonly { readonly kind: TaskKind; readonly name: Bilingual }[] =>
  taskKinds.map((kind) => ({ kind, name: sdKindName(kind) }))

/** What a record is, as the history shows it: the name of the row it went to. */
export function historyKindName(record: TaskRecord): Bilingual {
  switch (record.kind) {
    case 'tool':
      return toolRegistry[record.toolId].name
    case 'custom':
      return customRequestName
    case 'training':
      return trainingRow.name
    case 'controlnet':
      return sdEndpoints[sdEndpointOf(record.kind, record.endpoint)].historyName
    default:
      return sdEndpoints[sdEndpointOf(record.kind)].historyName
  }
}
