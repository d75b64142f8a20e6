import { access, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { AppError, demoProfileId, type SettingsFileStatus } from '#contract'
import { syncDirectory, writeFileAtomic } from '../fs/atomic-write'
import type { Logger } from '../logger'
import {
  defaultSettings,
  migrateSettings,
  readVersion,
  settingsFileSchema,
  settingsVersion,
  type SettingsData,
} from './settings-schema'

export interface SettingsStoreDeps {
  readonly dataDir: string
  readonly logger: Logger
  readonly clock?: () => number
}

export interface SettingsStore {
  readonly path: string
  /** How the file was found when the store opened; shown to the user until the next start. */
  readonly status: SettingsFileStatus
  /** The current settings (an immutable snapshot). */
  read(): SettingsData
  /**
   * Applies `change` to the current settings and saves the result atomically before it becomes
   * current. Calls are serialised, so two updates never lose each other's change.
   */
  update(change: (current: SettingsData) => SettingsData): Promise<SettingsData>
  /** Resolves once every update started so far has finished (for a clean shutdown). */
  flush(): Promise<void>
}

export const settingsFileName = 'settings.json'

type Loaded = { data: SettingsData; status: SettingsFileStatus }

const okStatus = (state: 'ok' | 'new'): SettingsFileStatus => ({
  state,
  reason: null,
  keptAside: null,
  writable: true,
})

/** An active profile that no longer exists falls back to the demo, rather than failing the whole file. */
function repair(data: SettingsData): SettingsData {
  const known =
    data.activeProfileId === demoProfileId || data.profiles.some((p) => p.id === data.activeProfileId)
  return known ? data : { ...data, activeProfileId: demoProfileId }
}

/**
 * Opens `<dataDir>/settings.json`. A file that cannot be used is never overwritten: it is renamed to
 * `settings.corrupt-<time>.json` (or `settings.newer-<time>.json` for a future format), the app
 * runs on defaults, and `status` says what happened so the UI can tell the user.
 */
export async function openSettingsStore(deps: SettingsStoreDeps): Promise<SettingsStore> {
  const clock = deps.clock ?? Date.now
  const path = join(deps.dataDir, settingsFileName)
  await removeStaleTempFiles(deps.dataDir)
  const { data: initial, status } = await load(path, clock, deps.logger)
  let current = initial
  let queue: Promise<unknown> = Promise.resolve()

  const save = async (change: (value: SettingsData) => SettingsData) => {
    if (!status.writable) {
      throw new AppError('io', 'The settings file could not be read, so changes are not saved.', {
        reason: 'settings_unreadable',
      })
    }
    const next = settingsFileSchema.parse(repair(change(current)))
    try {
      await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`)
    } catch (error) {
      deps.logger.error('settings.write_failed', { error: errorCode(error) })
      throw new AppError('io', 'The settings could not be saved.', { reason: 'settings_write_failed' })
    }
    current = next
    return next
  }

  return {
    path,
    status,
    read: () => current,
    update(change) {
      const run = queue.then(() => save(change))
      queue = run.catch(() => undefined)
      return run
    },
    flush: () => queue.then(() => undefined),
  }
}

async function load(path: string, clock: () => number, logger: Logger): Promise<Loaded> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { data: defaultSettings(), status: okStatus('new') }
    logger.error('settings.unreadable', { error: errorCode(error) })
    return keepAside(path, 'unreadable', clock, logger)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return keepAside(path, 'corrupt', clock, logger)
  }
  const version = readVersion(parsed)
  if (version !== null && version > settingsVersion) return keepAside(path, 'newer_version', clock, logger)
  const checked = settingsFileSchema.safeParse(migrateSettings(parsed))
  if (!checked.success) {
    logger.warn('settings.invalid', { issues: checked.error.issues.slice(0, 5).map((i) => i.path.join('.')) })
    return keepAside(path, 'invalid', clock, logger)
  }
  return { data: repair(checked.data), status: okStatus('ok') }
}

async function keepAside(
  path: string,
  reason: NonNullable<SettingsFileStatus['reason']>,
  clock: () => number,
  logger: Logger,
): Promise<Loaded> {
  const stamp = new Date(clock()).toISOString().replace(/[:.]/g, '-')
  const kind = reason === 'newer_version' ? 'newer' : 'corrupt'
  let aside = ''
  try {
    aside = await unusedName(join(path, '..'), `settings.${kind}-${stamp}`)
    await rename(path, aside)
    await syncDirectory(join(path, '..'))
  } catch (error) {
    // It stays where it is, untouched; saving is disabled so it is never overwritten.
    logger.error('settings.keep_aside_failed', { error: errorCode(error) })
    return {
      data: defaultSettings(),
      status: { state: 'unreadable', reason, keptAside: null, writable: false },
    }
  }
  logger.warn('settings.kept_aside', { reason, file: basename(aside) })
  return {
    data: defaultSettings(),
    status: { state: 'recovered', reason, keptAside: basename(aside), writable: true },
  }
}

const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : 'unknown'

/** A kept-aside copy must never replace an earlier one (rename overwrites), so add -2, -3… if taken. */
async function unusedName(dir: string, stem: string): Promise<string> {
  for (let n = 1; n < 1000; n += 1) {
    const candidate = join(dir, n === 1 ? `${stem}.json` : `${stem}-${n}.json`)
    try {
      await access(candidate)
    } catch {
      return candidate
    }
  }
  throw new Error('no free name for the kept-aside settings file')
}

/** A crash between writing the temp file and renaming it leaves `.settings.json.<hex>.tmp` behind. */
async function removeStaleTempFiles(dir: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  const stale = names.filter((name) => /^\.settings\.json\.[0-9a-f]+\.tmp$/.test(name))
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })))
}
