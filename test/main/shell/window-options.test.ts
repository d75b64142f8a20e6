import { describe, expect, it } from 'vitest'
import { mainWindowOptions, secureWebPreferences } from '../../../main/shell/window-options'

describe('window factory', () => {
  it('gives every window isolation, the sandbox and no Node', () => {
    const prefs = mainWindowOptions('/app/preload.cjs', { width: 1000, height: 700 }).webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    })
  })

  it('cannot be weakened by the bounds it is given', () => {
    const options = mainWindowOptions('/p.cjs', { width: 800, height: 600, x: 5, y: 6 })
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'))
    expect(options).toMatchObject({ x: 5, y: 6, show: false })
  })
})
