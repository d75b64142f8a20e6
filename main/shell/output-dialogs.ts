import { dialog, shell, type BrowserWindow } from 'electron'
import type { OutputShell } from '../services/outputs'

/**
 * The outputs service's dialogs, on the focused window so they are modal to it. Only paths travel
 * back to the service; the renderer never names a path to write to.
 */
export function createOutputDialogs(window: () => BrowserWindow | null): OutputShell {
  return {
    async chooseFolder(startIn) {
      const owner = window()
      const options = {
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
        ...(startIn ? { defaultPath: startIn } : {}),
      }
      const answer = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options)
      return answer.canceled ? null : (answer.filePaths[0] ?? null)
    },
    async chooseSaveFile(defaultPath) {
      const owner = window()
      const options = { defaultPath, filters: [{ name: 'Images', extensions: ['png', 'jpg', 'webp'] }] }
      const answer = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options)
      return answer.canceled ? null : (answer.filePath ?? null)
    },
    showInFolder(path) {
      shell.showItemInFolder(path)
    },
  }
}
