import * as fsPromises from 'node:fs/promises'
import { mkdir, readlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services/create-services'
import {
  createCliInstaller,
  type CliInstallerDeps,
  type CliInstallerFs,
} from '../../../main/services/cli-command/cli-installer'
import { useTempDirs } from '../../support/temp-dir'

/** The real file system, except that writing into `refused` fails as for a user without rights. */
const refusing = (refused: string): CliInstallerFs => ({
  ...fsPromises,
  symlink: async (target, path) => {
    if (String(path).startsWith(`${refused}/`)) {
      throw Object.assign(new Error(`EACCES: permission denied, symlink '${String(path)}'`), {
        code: 'EACCES',
      })
    }
    await fsPromises.symlink(target, path)
  },
})

describe('Install `img-open` command in PATH', () => {
  const tempDir = useTempDirs()

  async function setUp(overrides: Partial<CliInstallerDeps> = {}) {
    const root = await tempDir()
    const system = join(root, 'usr/local/bin')
    const home = join(root, 'home')
    await mkdir(system, { recursive: true })
    const launcher = join(root, 'Img Open Workbench/resources/cli/img-open')
    const deps: CliInstallerDeps = {
      fs: fsPromises,
      platform: 'linux',
      launcher,
      homeDir: home,
      env: { PATH: `/usr/bin:${system}` },
      binDirs: [system, join(home, '.local/bin')],
      ...overrides,
    }
    return { root, system, home, launcher, deps }
  }

  it('links the launcher from /usr/local/bin when it may write there', async () => {
    const { system, launcher, deps } = await setUp()
    const result = await createCliInstaller(deps).install()
    expect(result).toEqual({ outcome: 'linked', linkPath: join(system, 'img-open'), onPath: true })
    expect(await readlink(join(system, 'img-open'))).toBe(launcher)
    // Twice is fine: the link is already right.
    await expect(createCliInstaller(deps).install()).resolves.toEqual(result)
  })

  it('falls back to ~/.local/bin, made if missing, and says when that is not on the PATH', async () => {
    const { system, home, launcher, deps } = await setUp()
    const result = await createCliInstaller({ ...deps, fs: refusing(system) }).install()
    const link = join(home, '.local/bin/img-open')
    expect(result).toEqual({ outcome: 'linked', linkPath: link, onPath: false })
    expect(await readlink(link)).toBe(launcher)
  })

  it('replaces its own older link (a moved app) but never a real file of the same name', async () => {
    const { system, home, launcher, deps } = await setUp()
    await fsPromises.symlink('/Applications/Old.app/img-open', join(system, 'img-open'))
    await expect(createCliInstaller(deps).install()).resolves.toMatchObject({ outcome: 'linked' })
    expect(await readlink(join(system, 'img-open'))).toBe(launcher)

    await fsPromises.rm(join(system, 'img-open'))
    await writeFile(join(system, 'img-open'), '#!/bin/sh\necho someone else\n')
    const result = await createCliInstaller(deps).install()
    expect(result).toMatchObject({ outcome: 'linked', linkPath: join(home, '.local/bin/img-open') })
    expect(await fsPromises.readFile(join(system, 'img-open'), 'utf8')).toContain('someone else')
  })

  it('tells the user the command to run when no folder takes the link', async () => {
    const { root, system, deps } = await setUp()
    const result = await createCliInstaller({ ...deps, fs: refusing(root) }).install()
    expect(result).toEqual({
      outcome: 'blocked',
      tried: [system, join(root, 'home/.local/bin')],
      command: `sudo ln -sf '${join(root, 'Img Open Workbench/resources/cli/img-open')}' ${join(system, 'img-open')}`,
    })
  })

  it('leaves Windows to the installer, and links nothing for an unpackaged app or an AppImage', async () => {
    const { system, deps } = await setUp()
    await expect(createCliInstaller({ ...deps, platform: 'win32' }).install()).resolves.toEqual({
      outcome: 'byInstaller',
    })
    await expect(createCliInstaller({ ...deps, launcher: undefined }).install()).resolves.toEqual({
      outcome: 'unavailable',
      reason: 'notPackaged',
    })
    const appImage = { ...deps, env: { ...deps.env, APPIMAGE: '/home/u/Img.AppImage' } }
    await expect(createCliInstaller(appImage).install()).resolves.toEqual({
      outcome: 'unavailable',
      reason: 'appImage',
    })
    await expect(fsPromises.readdir(system)).resolves.toEqual([])
  })

  it('answers through the procedure: an unpackaged app has nothing to link', async () => {
    const services = await createServices({
      dataDir: await tempDir(),
      edition: 'test',
      version: '0.0.0-test',
    })
    try {
      const result = await services.dispatch('cli.installCommand', {}, { transport: 'in-process' })
      expect(result).toEqual({
        ok: true,
        value:
          process.platform === 'win32'
            ? { outcome: 'byInstaller' }
            : { outcome: 'unavailable', reason: 'notPackaged' },
      })
    } finally {
      await services.close()
    }
  })
})
