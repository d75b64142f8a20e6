import type { Handlers } from '#contract'
import type { PresetsService } from './presets-service'

type PresetsHandlers = Pick<
  Handlers,
  | 'presets.status'
  | 'presets.list'
  | 'presets.get'
  | 'presets.create'
  | 'presets.update'
  | 'presets.setFavourite'
  | 'presets.duplicate'
  | 'presets.delete'
  | 'presets.restore'
  | 'presets.export'
  | 'presets.import'
  | 'presets.importStyles'
  | 'presets.listStyles'
  | 'presets.createStyle'
  | 'presets.updateStyle'
  | 'presets.deleteStyle'
  | 'presets.exportStyles'
  | 'presets.sync'
>

export interface PresetsHandlersDeps {
  readonly presets: PresetsService
}

export function createPresetsHandlers({ presets }: PresetsHandlersDeps): PresetsHandlers {
  return {
    'presets.status': () => presets.status(),
    'presets.list': (filter) => presets.list(filter),
    'presets.get': ({ id }) => presets.get(id),
    'presets.create': ({ preset }) => presets.create(preset),
    'presets.update': ({ id, preset }) => presets.update(id, preset),
    'presets.setFavourite': ({ id, favourite }) => presets.setFavourite(id, favourite),
    'presets.duplicate': ({ id, displayName }) => presets.duplicate(id, displayName),
    'presets.delete': async ({ id }) => {
      await presets.remove(id)
      return { id }
    },
    'presets.restore': ({ id }) => presets.restore(id),
    'presets.export': () => presets.exportLibrary(),
    'presets.import': ({ text, onConflict }) => presets.importLibrary(text, onConflict),
    'presets.importStyles': ({ csvText }) => presets.importStyles(csvText),
    'presets.listStyles': async ({ text }) => ({ items: await presets.listStyles(text) }),
    'presets.createStyle': ({ style }) => presets.createStyle(style),
    'presets.updateStyle': ({ id, style }) => presets.updateStyle(id, style),
    'presets.deleteStyle': async ({ id }) => {
      await presets.deleteStyle(id)
      return { id }
    },
    'presets.exportStyles': () => presets.exportStyles(),
    'presets.sync': ({ profileId }) => presets.sync(profileId),
  }
}
