import { spawnSync } from 'node:child_process'
import { chmod, copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { getConfig } from 'app-builder-lib/out/util/config/config.js'
import { describe, expect, it } from 'vitest'
import { cliArgsFromLaunch } from '../../../main/cli/launch-args'
import { releaseFuses } from '../../../scripts/after-pack.mjs'
import { FuseV1Options } from '@electron/fuses'
import viteConfig from '../../../electron.vite.config'
import { useTempDirs } from '../../support/temp-dir'

const projectDir = resolve(import.meta.dirname, '../../..')
const readJson = async (path: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(join(projectDir, path), 'utf8')) as Record<string, unknown>

describe('the img-open command in the packaged app', () => {
  it('is built with the app: out/main/cli.js beside the app, entered through out/main/launch.js', async () => {
    const entry = (viteConfig as { main?: { build?: { lib?: { entry?: unknown } } } }).main?.build?.lib?.entry
    expect(entry).toEqual({
      launch: join(projectDir, 'main/launch.ts'),
      index: join(projectDir, 'main/index.ts'),
      cli: join(projectDir, 'main/cli/main.ts'),
    })
    const pkg = await readJson('package.json')
    expect(pkg.main).toBe('./out/main/launch.js')
    // electron-builder packs out/ whole, so the CLI and its chunks are in the app.asar.
    const config = await getConfig(projectDir, null, null)
    expect(config.files).toEqual([{ filter: ['out/**/*', 'package.json'] }])
  })

  it('needs no TypeScript runtime: tsx is a development dependency only', async () => {
    const pkg = await readJson('package.json')
    expect(pkg.dependencies).not.toHaveProperty('tsx')
    expect(pkg.devDependencies).toHaveProperty('tsx')
    const lock = (await readJson('package-lock.json')) as { packages: Record<string, { dev?: boolean }> }
    expect(lock.packages['node_modules/tsx']?.dev).toBe(true)
  })

  it('ships both launchers in <resources>/cli, and the Windows installer puts that folder on the PATH', async () => {
    const config = await getConfig(projectDir, null, null)
    expect(config.extraResources).toEqual(
      expect.arrayContaining([{ from: 'resources/cli', to: 'cli', filter: ['img-open', 'img-open.cmd'] }]),
    )
    expect(config.linux?.executableName).toBe('img-open-workbench')
    expect(config.nsis?.include).toBe('resources/cli/installer.nsh')
    const nsh = await readFile(join(projectDir, 'resources/cli/installer.nsh'), 'utf8')
    expect(nsh).toMatch(/!macro customInstall[\s\S]*"\$0;\$INSTDIR\\resources\\cli"[\s\S]*!macroend/)
    expect(nsh).toMatch(/!macro customUnInstall[\s\S]*\$INSTDIR\\resources\\cli[\s\S]*!macroend/)
    const cmd = await readFile(join(projectDir, 'resources/cli/img-open.cmd'), 'utf8')
    expect(cmd).toContain(`"%~dp0..\\..\\${config.productName}.exe" --img-open-cli -- %*`)
    expect(cmd).toContain('exit /b %ERRORLEVEL%')
  })

  it('keeps the RunAsNode fuse off: the launchers use the app’s own CLI mode instead', () => {
    expect(releaseFuses[FuseV1Options.RunAsNode]).toBe(false)
  })
})

describe('launch switch', () => {
  it('finds the CLI arguments after --img-open-cli, with or without the --', () => {
    expect(
      cliArgsFromLaunch([
        '/app/bin',
        '--ozone-platform=headless',
        '--img-open-cli',
        '--',
        'history',
        '--json',
      ]),
    ).toEqual(['history', '--json'])
    expect(cliArgsFromLaunch(['/app/bin', '--img-open-cli', '--help'])).toEqual(['--help'])
    expect(cliArgsFromLaunch(['/app/bin', '--img-open-cli', '--', 'request', '--', 'x'])).toEqual([
      'request',
      '--',
      'x',
    ])
  })

  it('is a normal app start without it, even when a later argument looks like it', () => {
    expect(cliArgsFromLaunch(['/app/bin'])).toBeNull()
    expect(cliArgsFromLaunch(['/app/bin', '--img-open-clix'])).toBeNull()
  })
})

/** A stand-in app binary: prints the arguments it got, one a line, and whether RunAsNode was asked. */
const fakeApp = `#!/bin/sh
echo "run-as-node=\${ELECTRON_RUN_AS_NODE:-unset}"
for arg in "$@"; do echo "$arg"; done
exit 7
`

describe('the sh launcher (macOS and Linux)', () => {
  const tempDir = useTempDirs()

  /** The launcher in an app laid out as electron-builder does, reached through a PATH symlink. */
  async function install(resources: string, binary: string) {
    const root = await tempDir()
    await mkdir(join(root, resources, 'cli'), { recursive: true })
    await copyFile(join(projectDir, 'resources/cli/img-open'), join(root, resources, 'cli/img-open'))
    await chmod(join(root, resources, 'cli/img-open'), 0o755)
    await mkdir(join(root, binary, '..'), { recursive: true })
    await writeFile(join(root, binary), fakeApp, { mode: 0o755 })
    await mkdir(join(root, 'bin'))
    // A relative link, then an absolute one to it, as a symlink chain on the PATH may be.
    await symlink(join('..', resources, 'cli/img-open'), join(root, 'bin/img-open-relative'))
    await symlink(join(root, 'bin/img-open-relative'), join(root, 'bin/img-open'))
    return root
  }

  const run = (root: string, env: NodeJS.ProcessEnv = {}) =>
    spawnSync(join(root, 'bin/img-open'), ['history', '--search', 'two words', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env },
    })

  it('on Linux starts the app binary headless in its CLI mode, with the arguments intact', async () => {
    const root = await install('app/resources', 'app/img-open-workbench')
    const result = run(root)
    expect(result.stdout.split('\n')).toEqual([
      'run-as-node=unset',
      '--ozone-platform=headless',
      '--img-open-cli',
      '--',
      'history',
      '--search',
      'two words',
      '--json',
      '',
    ])
    expect(result.status).toBe(7)
  })

  it('on macOS starts the binary in Contents/MacOS', async () => {
    const root = await install('Img.app/Contents/Resources', 'Img.app/Contents/MacOS/Img Open Workbench')
    // uname answers Darwin, as on a Mac.
    const fakeBin = await tempDir()
    await writeFile(join(fakeBin, 'uname'), '#!/bin/sh\necho Darwin\n', { mode: 0o755 })
    const result = run(root, { PATH: `${fakeBin}:${process.env.PATH ?? ''}` })
    expect(result.stdout.split('\n').slice(0, 5)).toEqual([
      'run-as-node=unset',
      '--img-open-cli',
      '--',
      'history',
      '--search',
    ])
    expect(result.status).toBe(7)
  })

  it('says where it looked when the app has gone', async () => {
    const root = await install('app/resources', 'elsewhere/img-open-workbench')
    const result = run(root)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(
      /^img-open: the Img Open Workbench app is not at .*app\/resources\/\.\.\/img-open-workbench any more; reinstall the command from the app's Settings\.\n$/,
    )
  })
})
