#!/usr/bin/env node
// `npm test`: brings what the tests need, then runs every test (Node, jsdom, Chromium) inside a
// private D-Bus session with an unlocked gnome-keyring, so keychain tests use a real Secret Service.
// Arguments are passed to vitest (e.g. `npm test -- --project main`).
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { ensureSystemPackages } from './system-deps.mjs'

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1

if (process.platform !== 'linux') {
  console.error(
    'npm test needs Linux (Debian or Ubuntu) for its Secret Service and Chromium; on other systems run `npx vitest run --project main --project renderer`.',
  )
  process.exit(1)
}

const missingCommand = ensureSystemPackages()
if (missingCommand) {
  console.error(`npm test needs system packages first; run: ${missingCommand}`)
  process.exit(1)
}

// keytar is optional: a machine without libsecret at install time has none. Build it now.
const keytarLoads = () =>
  spawnSync(process.execPath, ['-e', "require('keytar')"], { stdio: 'ignore' }).status === 0
if (!keytarLoads()) {
  console.log('keytar was not built at install time (libsecret was missing); building it now…')
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false'])
  run('npm', ['rebuild', 'keytar'])
  if (!keytarLoads()) {
    console.error('keytar could not be built; run: npm rebuild keytar   (and read its output)')
    process.exit(1)
  }
}

// After `npm start` rebuilt them for Electron, native modules must be rebuilt for Node again.
const sqliteLoads = () =>
  spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:')"], { stdio: 'ignore' })
    .status === 0
if (!sqliteLoads() || !keytarLoads()) {
  console.log('Native modules were built for another runtime; rebuilding them for Node…')
  if (run('npm', ['rebuild', 'better-sqlite3', 'keytar']) === 0)
    writeFileSync('node_modules/.native-modules-runtime', 'node')
}

// The e2e tests drive the built renderer; the cli-built project runs the CLI suite on out/main/cli.js.
if (run('npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1)

const vitestArgs = process.argv.slice(2)
// The keyring lives in a throwaway folder: tests never touch the user's own login keyring.
const session = [
  'keyrings=$(mktemp -d)',
  'trap \'rm -rf "$keyrings"\' EXIT',
  'echo -n test-keyring | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets >/dev/null',
  'npx vitest run "$@"',
].join('; ')
process.exit(run('dbus-run-session', ['--', 'bash', '-c', session, 'vitest', ...vitestArgs]))
