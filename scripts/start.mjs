#!/usr/bin/env node
// `npm start`: build, make sure Electron's binary is here (fetching it on demand, honouring
// ELECTRON_MIRROR), and launch the desktop app. When the binary cannot be had, say why and run the
// browser edition instead.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts })

if (run('npx', ['electron-vite', 'build']).status !== 0) process.exit(1)

const electronDir = dirname(require.resolve('electron/package.json'))
const pathFile = join(electronDir, 'path.txt')
const binaryPresent = () =>
  existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))

if (!binaryPresent()) {
  console.log('Electron is not downloaded yet; fetching it now…')
  const install = run(process.execPath, [join(electronDir, 'install.js')], {
    timeout: 5 * 60_000,
    stdio: ['ignore', 'inherit', 'pipe'],
  })
  const reason =
    String(install.stderr ?? '')
      .split('\n')
      .find((line) => line.trim()) ?? 'unknown error'
  if (install.status !== 0) console.log(`The download failed: ${reason.trim()}`)
}

/**
 * better-sqlite3 and keytar are built for Node by `npm install`; Electron has its own ABI, so they
 * are rebuilt against Electron's headers before the first launch (`npm test` rebuilds them for Node).
 */
function rebuildNativeModulesForElectron() {
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
  // Shared with scripts/test.mjs, which writes 'node' after rebuilding the modules for Node.
  const marker = join('node_modules', '.native-modules-runtime')
  if (existsSync(marker) && readFileSync(marker, 'utf8') === `electron@${version}`) return
  console.log(`Rebuilding native modules for Electron ${version}…`)
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: version,
    npm_config_disturl: 'https://electronjs.org/headers',
  }
  if (run('npm', ['rebuild', 'better-sqlite3', 'keytar'], { env }).status === 0)
    writeFileSync(marker, `electron@${version}`)
}

if (binaryPresent()) {
  rebuildNativeModulesForElectron()
  const child = spawn(require('electron'), ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    [
      '',
      'Electron could not be downloaded on this machine (its binary comes from GitHub).',
      'To get the desktop app: allow access to github.com, or set ELECTRON_MIRROR to a reachable mirror',
      '(for example ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/), then run `npm start` again.',
      'Starting the browser edition instead: the same app in your browser, served on 127.0.0.1 only.',
      '',
    ].join('\n'),
  )
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/browser-edition.ts', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  )
  child.on('exit', (code) => process.exit(code ?? 0))
}
