// What the tests need from the operating system, and how to get it on Debian/Ubuntu.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0

/** Each requirement: the Debian package that brings it and how to tell it is present. */
export const requirements = [
  { pkg: 'chromium', present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
  { pkg: 'dbus-daemon', present: () => onPath('dbus-run-session') },
  { pkg: 'gnome-keyring', present: () => onPath('gnome-keyring-daemon') },
  {
    pkg: 'libsecret-1-dev',
    present: () => spawnSync('pkg-config', ['--exists', 'libsecret-1'], { stdio: 'ignore' }).status === 0,
  },
  { pkg: 'pkg-config', present: () => onPath('pkg-config') },
  { pkg: 'build-essential', present: () => onPath('g++') && onPath('make') },
  { pkg: 'python3', present: () => onPath('python3') },
]

export const missingPackages = () => requirements.filter((r) => !r.present()).map((r) => r.pkg)

/**
 * Installs what is missing when it can (Debian, as root); otherwise returns the one command the
 * user has to run. Returns null when everything is present.
 */
export function ensureSystemPackages(log = console.log) {
  const missing = missingPackages()
  if (missing.length === 0) return null
  const command = `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`
  const canInstall = process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get')
  if (!canInstall) return command
  log(`Installing system packages the tests need: ${missing.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  })
  if (update.status !== 0 || install.status !== 0) return command.replace('sudo ', '')
  return missingPackages().length === 0 ? null : command
}
