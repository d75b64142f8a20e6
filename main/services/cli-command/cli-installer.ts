import type { lstat, mkdir, readlink, symlink, unlink } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import type { CliCommandResult, Handlers } from '#contract'

/** The file-system calls the installer makes: injected, so a test can refuse one folder. */
export interface CliInstallerFs {
  readonly lstat: typeof lstat
  readonly readlink: typeof readlink
  readonly symlink: typeof symlink
  readonly unlink: typeof unlink
  readonly mkdir: typeof mkdir
}

export interface CliInstallerDeps {
  readonly fs: CliInstallerFs
  readonly platform: NodeJS.Platform
  /** The packaged app's sh launcher (`<resources>/cli/img-open`); undefined when not packaged. */
  readonly launcher: string | undefined
  readonly homeDir: string
  /** PATH (is the folder on it?) and APPIMAGE (an AppImage's files vanish when it exits). */
  readonly env: NodeJS.ProcessEnv
  /** Where the link may go, in order; by default /usr/local/bin, then ~/.local/bin. */
  readonly binDirs?: readonly string[]
}

export interface CliInstaller {
  install(): Promise<CliCommandResult>
}

export const commandName = 'img-open'

const errnoOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined

/** sh quoting for the command the user is told to run (an app folder may hold spaces). */
const quoted = (path: string) => `'${path.replaceAll("'", `'\\''`)}'`

/**
 * "Install `img-open` command in PATH", as VS Code's "Install 'code' command": on macOS and Linux a
 * symlink to the app's launcher in the first folder that takes it. A link already there is
 * replaced only when it is a symlink (an older install, a moved app), never a real file.
 */
export function createCliInstaller(deps: CliInstallerDeps): CliInstaller {
  const binDirs = deps.binDirs ?? ['/usr/local/bin', join(deps.homeDir, '.local', 'bin')]
  const onPath = (dir: string) => (deps.env.PATH ?? '').split(delimiter).includes(dir)

  /** True when the link now points at the launcher; false when this folder cannot take it. */
  async function linkIn(dir: string, launcher: string): Promise<boolean> {
    const link = join(dir, commandName)
    try {
      const existing = await deps.fs.lstat(link).catch((error: unknown) => {
        if (errnoOf(error) === 'ENOENT') return null
        throw error
      })
      if (existing && !existing.isSymbolicLink()) return false
      if (existing && (await deps.fs.readlink(link)) === launcher) return true
      // ~/.local/bin may not exist yet; /usr/local/bin is the system's to make.
      if (dir !== binDirs[0]) await deps.fs.mkdir(dir, { recursive: true })
      if (existing) await deps.fs.unlink(link)
      await deps.fs.symlink(launcher, link)
      return true
    } catch (error) {
      if (['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR'].includes(errnoOf(error) ?? '')) return false
      throw error
    }
  }

  return {
    async install() {
      if (deps.platform === 'win32') return { outcome: 'byInstaller' }
      const launcher = deps.launcher
      if (launcher === undefined) return { outcome: 'unavailable', reason: 'notPackaged' }
      if (deps.env.APPIMAGE) return { outcome: 'unavailable', reason: 'appImage' }
      for (const dir of binDirs) {
        if (await linkIn(dir, launcher)) {
          return { outcome: 'linked', linkPath: join(dir, commandName), onPath: onPath(dir) }
        }
      }
      const system = join(binDirs[0] ?? '/usr/local/bin', commandName)
      return { outcome: 'blocked', tried: [...binDirs], command: `sudo ln -sf ${quoted(launcher)} ${system}` }
    },
  }
}

export const createCliCommandHandlers = ({
  installer,
}: {
  installer: CliInstaller
}): Pick<Handlers, 'cli.installCommand'> => ({
  'cli.installCommand': () => installer.install(),
})
