import { useUiStore } from '../../app/ui-store'

/**
 * Brings Settings forward, where a profile's image storage is set up. Image slots and the
 * ControlNet preview sit in groups the screen passes no callbacks to, so they ask the shell's view
 * store directly, as the screen links (app/screen-links.ts) do.
 */
export const openStorageSettings = () => useUiStore.getState().showView('settings')
