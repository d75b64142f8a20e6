import { homedir } from 'node:os'
import { join } from 'node:path'

export const appName = 'Img Open Workbench'
export const appId = 'img-open-workbench'

/**
 * Where the app keeps settings, history, presets and the image cache. Electron, the browser
 * edition and the CLI all use this, so they share one data set. `IMG_OPEN_DATA_DIR` moves it.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.IMG_OPEN_DATA_DIR) return env.IMG_OPEN_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), appId)
}
