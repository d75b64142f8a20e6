import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { runCli } from '../../../main/cli/run-cli'
import type { TaskRecord } from '../../../main/contract'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'

const bin = fileURLToPath(new URL('../../../bin/img-open.mjs', import.meta.url))

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The test runner's environment without anything that would steer img-open. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('IMG_OPEN_') && !key.startsWith('LC_') && key !== 'LANG') env[key] = value
  }
  return { ...env, LANG: 'en_US.UTF-8', NO_COLOR: '1' }
}

/**
 * Merged into a run's environment: no session bus (nor X11 to autolaunch one), so no Secret Service
 * and no keychain, as on a headless server or in CI.
 */
export const withoutSessionBus: NodeJS.ProcessEnv = {
  DBUS_SESSION_BUS_ADDRESS: undefined,
  DISPLAY: undefined,
  WAYLAND_DISPLAY: undefined,
}

/**
 * Runs the real command (`node bin/img-open.mjs …`) with pipes for stdout and stderr, as a script
 * or CI would. Asynchronous, so a simulator in the test process keeps answering meanwhile.
 */
export function runImgOpen(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The same entry point in this process, for the cheap checks (help texts, usage errors). */
export async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const out: string[] = []
  const err: string[] = []
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')))
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')))
  const code = await runCli(args, { stdout, stderr, env: { ...baseEnv(), ...env } })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

/** Every file under a folder, with its bytes, for scanning what the app wrote. */
export async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile())
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name)
      return { path, bytes: await readFile(path) }
    }),
  )
}

/** Terminal control sequences (a redrawn progress bar, colours). */
export const ansiEscape = '\u001b['

/** The task as the history keeps it, read after the command has closed the data folder. */
export function recordIn(dataDir: string, taskId: string): TaskRecord | null {
  const store = createHistoryStore({
    dataDir,
    clock: Date.now,
    logger: createLogger({ redactor: createSecretRedactor() }),
  })
  try {
    return store.get(taskId)
  } finally {
    store.close()
  }
}
