import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { CliInput } from '../../../main/cli/cli-context'
import { runCli } from '../../../main/cli/run-cli'
import type { Profile, TaskRecord } from '#contract'
import { createServices, type ServicesConfig } from '../../../main/services/create-services'
import { createHistoryStore } from '../../../main/services/history/history-store'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import type { Simulator } from '../../../main/simulator/simulator'
import { objectsOnDisk, type S3Server } from '../../support/s3-server'
import { picture, sha256Of, taskParams } from '../storage/s3-tasks-kit'

/**
 * Which `img-open` the suite runs: the sources (bin/img-open.mjs through tsx, and runCli in this
 * process) in the `main` project, or the compiled out/main/cli.js, as the installed app runs it, in
 * the `cli-built` project (vitest.config.ts), where every run is a real process of the built entry.
 */
export const cliUnderTest = process.env.IMG_OPEN_TEST_CLI === 'built' ? 'built' : 'sources'
const bin = fileURLToPath(
  new URL(
    cliUnderTest === 'built' ? '../../../out/main/cli.js' : '../../../bin/img-open.mjs',
    import.meta.url,
  ),
)
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run \`npx electron-vite build\` first (npm test does).`)

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

/**
 * The same entry point in this process, for the cheap checks (help texts, usage errors); for the
 * built CLI, a process of it like runImgOpen, so the built entry answers every check of the suite.
 */
export async function runInProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  stdin?: CliInput,
): Promise<CliRun> {
  if (cliUnderTest === 'built' && stdin === undefined) return runImgOpen(args, env)
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const out: string[] = []
  const err: string[] = []
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')))
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')))
  const code = await runCli(args, { stdout, stderr, stdin, env: { ...baseEnv(), ...env } })
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

/** Calls a procedure the way the renderer does and returns its value, or throws its error shape. */
export type ProcedureCall = <T>(name: string, input: unknown) => Promise<T>

export interface StorageProfileSetUp {
  readonly dataDir: string
  readonly name: string
  readonly simulator: Simulator
  readonly server: S3Server
  /** Further service options, such as the keychain to keep keys in. */
  readonly services?: Partial<ServicesConfig>
  /** What else the profile needs (keys) before the data folder closes. */
  readonly finish?: (profile: Profile, call: ProcedureCall) => Promise<void>
}

/**
 * Sets up the profile `name` in a data folder as a user would in the app: on the simulator, with the
 * S3 server as its image storage; then closes the folder so that a command can open it.
 */
export async function setUpStorageProfile(setUp: StorageProfileSetUp): Promise<void> {
  const { dataDir, name, simulator, server } = setUp
  const services = await createServices({
    dataDir,
    edition: 'test',
    version: '0.0.0-test',
    ...setUp.services,
  })
  try {
    const call: ProcedureCall = async <T>(procedure: string, input: unknown) => {
      const result = await services.dispatch(procedure, input, { transport: 'in-process' })
      if (!result.ok) throw Object.assign(new Error(`${procedure}: ${result.error.code}`), result.error)
      return result.value as T
    }
    const profile = await call<Profile>('profiles.create', { name, baseUrl: simulator.url })
    await call('profiles.setStorage', {
      id: profile.id,
      storage: { endpoint: server.endpoint, bucket: server.bucket, forcePathStyle: true },
    })
    await setUp.finish?.(profile, call)
  } finally {
    await services.close()
  }
}

/** The files an img2img run reads, written in `dir`: its parameters and a local source picture. */
export async function writeImg2ImgFiles(dir: string, colour: string) {
  const image = await picture(160, 96, colour)
  await writeFile(join(dir, 'params.json'), JSON.stringify(taskParams))
  await writeFile(join(dir, 'local.png'), image)
  return { params: join(dir, 'params.json'), path: join(dir, 'local.png'), image }
}

/** `img-open img2img` on a profile with those files, waiting for the task and printing JSON. */
export const img2imgArgs = (profile: string, files: { params: string; path: string }) => [
  'img2img',
  '--profile',
  profile,
  '--params',
  files.params,
  '--image',
  files.path,
  '--wait',
  '--json',
]

/**
 * The task's local source went into the bucket, reached the service by its presigned link and was
 * deleted, in that order, and the bucket is empty again.
 */
export async function expectUploadFetchedAndDeleted(
  run: { dataDir: string; taskId: string; image: Buffer },
  server: S3Server,
  simulator: Simulator,
): Promise<void> {
  const input = recordIn(run.dataDir, run.taskId)?.inputs?.[0]
  expect(input).toMatchObject({ role: 'source', origin: 'upload', keepUpload: false, storageObject: null })
  const link = new URL(input?.url ?? '')
  expect(link.origin).toBe(server.endpoint)
  const object = decodeURIComponent(link.pathname)
  expect(server.accepted).toEqual([`PUT ${object}`, `GET ${object}`, `DELETE ${object}`])
  expect(server.refusals).toEqual([])
  expect(simulator.inputs(run.taskId).map((image) => image.sha256)).toEqual([sha256Of(run.image)])
  expect((await objectsOnDisk(server)).size).toBe(0)
}
