import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { FuseV1Options, getCurrentFuseWire, type FuseConfig } from '@electron/fuses'
import sharp from 'sharp'
// electron-builder's own loader and schema check (its pinned internals), so the test reads the
// configuration exactly as `npm run dist` will.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { Arch, DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'
import { afterPack, fuseConfigFor, type PackContext } from '../../../scripts/after-pack.mjs'
import { useTempDirs } from '../../support/temp-dir'

const projectDir = resolve(import.meta.dirname, '../../..')
const loadConfig = () => getConfig(projectDir, null, null)

describe('electron-builder configuration', () => {
  it('is valid for electron-builder and names the app', async () => {
    const config = await loadConfig()
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    expect(config).toMatchObject({ appId: 'com.imgopen.workbench', productName: 'Img Open Workbench' })
  })

  it('builds AppImage and deb for Linux, dmg for macOS and an NSIS installer for Windows', async () => {
    const config = await loadConfig()
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target).toEqual(['nsis'])
  })

  it('packs only the built app into an asar, native modules unpacked beside it', async () => {
    const config = await loadConfig()
    expect(config.asar).toBe(true)
    // electron-builder's loader normalises a plain list into one file set.
    expect(config.files).toEqual([{ filter: ['out/**/*', 'package.json'] }])
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/keytar/**']),
    )
    const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as { main: string }
    expect(pkg.main).toMatch(/^(\.\/)?out\//)
  })

  it('uses an app icon every platform can take (a PNG of at least 512 pixels)', async () => {
    const config = await loadConfig()
    const icons = [config.linux?.icon, config.mac?.icon, config.win?.icon]
    expect(icons).toEqual(['resources/icon.png', 'resources/icon.png', 'resources/icon.png'])
    const { format, width, height } = await sharp(join(projectDir, 'resources/icon.png')).metadata()
    expect(format).toBe('png')
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(512)
  })

  it('flips the fuses in the afterPack hook, and only there', async () => {
    const config = await loadConfig()
    expect(config.afterPack).toBe('./scripts/after-pack.mjs')
    expect(config.electronFuses).toBeUndefined()
    const hook = (await import(join(projectDir, 'scripts/after-pack.mjs'))) as { afterPack: unknown }
    expect(hook.afterPack).toBeTypeOf('function')
  })

  it('is built by `npm run dist`, after the app itself', async () => {
    const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(pkg.scripts.dist).toMatch(/^electron-vite build && electron-builder\b/)
  })
})

// A stand-in Electron binary: @electron/fuses finds the wire after this sentinel, then a version
// byte, a length byte and one byte per fuse ('0' off, '1' on).
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron's defaults, plus a ninth fuse @electron/fuses 1.x does not know, which must stay as it is.
const electronDefaults = '101100011'
const fakeElectron = () =>
  Buffer.concat([
    Buffer.from('\x7fELF some code '),
    Buffer.from(sentinel),
    Buffer.from([1, electronDefaults.length]),
    Buffer.from(electronDefaults),
    Buffer.from(' more code'),
  ])

const on = 49
const off = 48
const expectedWire = {
  [FuseV1Options.RunAsNode]: off,
  [FuseV1Options.EnableCookieEncryption]: on,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: off,
  [FuseV1Options.EnableNodeCliInspectArguments]: off,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: on,
  [FuseV1Options.OnlyLoadAppFromAsar]: on,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: off,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: off,
  8: on,
}

const packager = { executableName: 'img-open-workbench', appInfo: { productFilename: 'Img Open Workbench' } }
const layouts = [
  { platform: 'linux', binary: 'img-open-workbench' },
  { platform: 'win32', binary: 'Img Open Workbench.exe' },
  {
    platform: 'darwin',
    binary: 'Img Open Workbench.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
  },
] as const

describe('afterPack hook', () => {
  const tempDir = useTempDirs()

  it.each(layouts)(
    'flips every release fuse in the $platform binary electron-builder laid out',
    async (layout) => {
      const appOutDir = await tempDir()
      const binary = join(appOutDir, layout.binary)
      await mkdir(dirname(binary), { recursive: true })
      await writeFile(binary, fakeElectron())
      const context: PackContext = {
        appOutDir,
        electronPlatformName: layout.platform,
        arch: Arch.x64,
        packager,
      }
      await afterPack(context)
      const wirePath = layout.platform === 'darwin' ? join(appOutDir, 'Img Open Workbench.app') : binary
      expect(await getCurrentFuseWire(wirePath)).toEqual({ version: '1', ...expectedWire })
    },
  )

  it('re-signs ad hoc only on an arm64 Mac, where flipping breaks the signature', async () => {
    const calls: Array<[string, FuseConfig]> = []
    const record = async (path: string, config: FuseConfig) => {
      calls.push([path, config])
      return 1
    }
    const context = (electronPlatformName: string, arch: Arch): PackContext => ({
      appOutDir: '/out',
      electronPlatformName,
      arch,
      packager,
    })
    await afterPack(context('darwin', Arch.arm64), record)
    await afterPack(context('darwin', Arch.x64), record)
    await afterPack(context('linux', Arch.arm64), record)
    expect(calls.map(([path, config]) => [path, config.resetAdHocDarwinSignature])).toEqual([
      ['/out/Img Open Workbench.app', true],
      ['/out/Img Open Workbench.app', false],
      ['/out/img-open-workbench', false],
    ])
    expect(fuseConfigFor(context('win32', Arch.x64))).toMatchObject({ resetAdHocDarwinSignature: false })
  })

  it('refuses a platform it does not know rather than flip nothing', async () => {
    const context: PackContext = {
      appOutDir: '/out',
      electronPlatformName: 'haiku',
      arch: Arch.x64,
      packager,
    }
    await expect(afterPack(context, async () => 1)).rejects.toThrow(/unknown platform haiku/)
  })
})
