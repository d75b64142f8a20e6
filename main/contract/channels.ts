import type { EventName } from './events'
import type { ProcedureName } from './procedures'

/*
 * Plain name lists for the sandboxed preload, which must not bundle the schema library.
 * `satisfies Record<…, true>` makes the compiler reject a missing or an extra name.
 */
const procedureTable = {
  'app.info': true,
  'app.echo': true,
  'presets.status': true,
  'presets.list': true,
  'presets.get': true,
  'presets.create': true,
  'presets.update': true,
  'presets.setFavourite': true,
  'presets.duplicate': true,
  'presets.delete': true,
  'presets.restore': true,
  'presets.export': true,
  'presets.import': true,
  'presets.importStyles': true,
  'presets.listStyles': true,
  'presets.createStyle': true,
  'presets.updateStyle': true,
  'presets.deleteStyle': true,
  'presets.exportStyles': true,
  'presets.sync': true,
  'settings.get': true,
  'profiles.list': true,
  'profiles.create': true,
  'profiles.update': true,
  'profiles.delete': true,
  'profiles.setActive': true,
  'profiles.testConnection': true,
  'profiles.setStorage': true,
  'profiles.testStorage': true,
  'credentials.set': true,
  'credentials.clear': true,
  'credentials.status': true,
  'credentials.checkKeychain': true,
  'credentials.setStorageKeys': true,
  'credentials.clearStorageKeys': true,
  'tasks.submit': true,
  'tasks.previewRequest': true,
  'tasks.retry': true,
  'tasks.active': true,
  'plot.plan': true,
  'plot.start': true,
  'plot.get': true,
  'plot.retryCell': true,
  'tools.previewPreprocessor': true,
  'images.get': true,
  'images.readParameters': true,
  'images.import': true,
  'history.list': true,
  'history.get': true,
  'history.delete': true,
  'history.export': true,
  'history.import': true,
  'history.lookupArchived': true,
  'history.recovery': true,
  'history.dismissRecovery': true,
  'history.infotext': true,
} satisfies Record<ProcedureName, true>

const eventTable = {
  'app.ready': true,
  'presets.changed': true,
  'profiles.changed': true,
  'tasks.changed': true,
  'tasks.progress': true,
} satisfies Record<EventName, true>

export const procedureNames = Object.keys(procedureTable) as ProcedureName[]
export const eventNames = Object.keys(eventTable) as EventName[]

/** The one IPC channel that carries main → renderer events. */
export const eventChannel = 'img-open:event'
