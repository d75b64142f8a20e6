import { describe, expect, it } from 'vitest'
import { procedureNames } from '#contract'
import { registerProcedures, type IpcMainLike } from '../../../main/shell/register-procedures'
import { isTrustedSender, type SenderFrame } from '../../../main/shell/trusted-sender'
import { useServices } from '../../support/services'
import { useTempDirs } from '../../support/temp-dir'

type Handler = Parameters<IpcMainLike['handle']>[1]

describe('IPC registration', () => {
  const tempDir = useTempDirs()
  const services = useServices()

  async function register() {
    const { dispatch } = await services({ dataDir: await tempDir() })
    const handlers = new Map<string, Handler>()
    registerProcedures({ handle: (channel, handler) => handlers.set(channel, handler) }, dispatch, (frame) =>
      isTrustedSender(frame, ['app://workbench']),
    )
    return handlers
  }

  it('registers one channel per contract procedure and nothing else', async () => {
    const handlers = await register()
    expect([...handlers.keys()].sort()).toEqual([...procedureNames].sort())
  })

  it('serves our own top-level frame', async () => {
    const handlers = await register()
    const frame: SenderFrame = { url: 'app://workbench/index.html', parent: null }
    expect(await handlers.get('app.echo')?.({ senderFrame: frame }, { text: 'hi' })).toEqual({
      ok: true,
      value: { text: 'hi' },
    })
  })

  it.each([
    ['a null frame', null],
    ['a sub-frame', { url: 'app://workbench/index.html', parent: {} }],
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', parent: null }],
    ['an unparseable url', { url: '::', parent: null }],
  ])('refuses %s with unauthorized_sender', async (_label, frame) => {
    const handlers = await register()
    expect(
      await handlers.get('app.echo')?.({ senderFrame: frame as SenderFrame | null }, { text: 'hi' }),
    ).toEqual({
      ok: false,
      error: { code: 'unauthorized_sender', message: 'This caller may not use the app bridge.' },
    })
  })
})

describe('no channel bypasses the wrapper', () => {
  it('has no ipcMain.handle or ipcMain.on outside register-procedures.ts', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const root = new URL('../../../main', import.meta.url).pathname
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.ts'))
    const offenders: string[] = []
    for (const file of files) {
      if (file.endsWith('register-procedures.ts')) continue
      const source = await readFile(join(root, file), 'utf8')
      if (/ipcMain\.(handle|handleOnce|on|once)\s*\(/.test(source)) offenders.push(file)
    }
    expect(offenders).toEqual([])
  })
})
