import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { AppError } from '#contract'

export interface LockFile {
  /** Removes the lock file if it is still ours. */
  release(): void
}

interface LockHolder {
  readonly pid: number
  readonly host: string
  readonly token: string
}

// A lock file that is empty or unreadable this long after it was written belongs to no one: its
// writer died between creating and filling it.
const unreadableLockGraceMs = 10_000

const readHolder = (path: string): LockHolder | null => {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof value !== 'object' || value === null) return null
    const { pid, host, token } = value as Record<string, unknown>
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof token !== 'string') return null
    return { pid, host, token }
  } catch {
    return null
  }
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const lockAge = (path: string, now: number): number => {
  try {
    return now - statSync(path).mtimeMs
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

function isStale(path: string, holder: LockHolder | null, now: number, isHeld?: () => boolean): boolean {
  // An empty lock file is only ever a writer that died before filling it (see below).
  if (holder === null) return lockAge(path, now) > unreadableLockGraceMs
  // A process on another machine (a shared folder) cannot be checked: assume it is alive.
  if (holder.host !== hostname()) return false
  if (!isProcessAlive(holder.pid)) return true
  // The pid lives, but after a reboot it may be another program's. The database's own lock is the
  // truth: a holder keeps it from just after taking this file until it closes, so a lock file past
  // the grace whose database is free was left behind.
  return isHeld !== undefined && lockAge(path, now) > unreadableLockGraceMs && !isHeld()
}

const lockedError = (holder: LockHolder | null) =>
  new AppError(
    'storage_locked',
    'The history is in use by another copy of the app. Close it, then try again.',
    holder ? { pid: holder.pid } : undefined,
  )

const errnoOf = (error: unknown): string => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : 'unknown'
}

/**
 * The lock's content, durably, in its temp file. A folder that is read-only or full fails here:
 * the half-written temp file is removed (none is left behind), and the error names the folder.
 */
function writeTemp(temp: string, text: string): void {
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // Never created (a read-only folder).
    }
    throw new AppError('io', 'The history folder cannot be written.', {
      reason: errnoOf(error),
      folder: dirname(temp),
    })
  }
}

/**
 * Takes `path` as a lock file: created with O_EXCL and filled with our pid, so a second app
 * instance is refused with `storage_locked`. A lock left by a process that no longer runs (after
 * `kill -9` or a power cut) is taken over, and so is one whose pid now names another process when
 * `isHeld` (the guarded resource's own lock) says no one holds it.
 */
export function acquireLockFile(
  path: string,
  now: () => number = Date.now,
  isHeld?: () => boolean,
): LockFile {
  const holder: LockHolder = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex') }
  // The lock is filled in a temp file first and then hard-linked into place, which fails if a lock
  // exists: so a lock file is never seen empty, even when its writer is killed mid-way.
  const temp = `${path}.${holder.token}.tmp`
  writeTemp(temp, JSON.stringify(holder))
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(temp, path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new AppError('io', 'The history folder cannot be written.', {
            reason: errnoOf(error),
            folder: dirname(path),
          })
        }
        const current = readHolder(path)
        if (!isStale(path, current, now(), isHeld)) throw lockedError(current)
        try {
          unlinkSync(path)
        } catch {
          // Another starting instance removed it first; the next attempt decides who wins.
        }
        continue
      }
      return ownedLock(path, holder)
    }
  } finally {
    try {
      unlinkSync(temp)
    } catch {
      // Already gone.
    }
  }
  throw lockedError(readHolder(path))
}

function ownedLock(path: string, holder: LockHolder): LockFile {
  return {
    release() {
      if (readHolder(path)?.token !== holder.token) return
      try {
        unlinkSync(path)
      } catch {
        // Already gone: nothing to release.
      }
    },
  }
}
