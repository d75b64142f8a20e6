import { isAppError, type ErrorCode, type ErrorShape } from '#contract'
import { describeApiError, isApiErrorCode } from '../services/api/api-errors'
import type { CliLocale, MessageKey, MessageVars, Say } from './cli-messages'

import { exitCodes, type ExitCode } from './exit-codes'

// Kept here too: the commands take every failure helper from one module.
export { exitCodes, type ExitCode }

/** A failure the CLI itself found, already keyed to a message; `usage` ones exit with 2. */
export class CliError extends Error {
  constructor(
    readonly kind: 'usage' | 'failure',
    readonly key: MessageKey,
    readonly vars: MessageVars = {},
  ) {
    super(key)
    this.name = 'CliError'
  }
}

export const usageError = (key: MessageKey, vars?: MessageVars) => new CliError('usage', key, vars)

/** The CLI's texts for failures of this machine (the API's own codes use describeApiError). */
const localMessages: Partial<Record<ErrorCode, MessageKey>> = {
  storage_locked: 'error.storage_locked',
  storage_corrupt: 'error.storage_corrupt',
  keys_needed: 'error.keys_needed',
  keychain_unavailable: 'error.keychain_unavailable',
  keychain_locked: 'error.keychain_locked',
  io: 'error.io',
  conflict: 'error.conflict',
  image_storage_needed: 'error.image_storage_needed',
  image_storage_auth: 'error.image_storage_auth',
  image_storage_unreachable: 'error.image_storage_unreachable',
  image_unavailable: 'error.image_unavailable',
  image_too_large: 'error.image_too_large',
}

const readOnlyReasons = new Set(['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'])
const fullReasons = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL'])

/** Which of the data folder's problems a file-system or SQLite code names, or null for another. */
function folderProblem(reason: string): MessageKey | null {
  const base = reason.split('_').slice(0, 2).join('_')
  if (readOnlyReasons.has(reason) || readOnlyReasons.has(base)) return 'error.io_readonly'
  if (fullReasons.has(reason) || fullReasons.has(base)) return 'error.io_full'
  return null
}

/** The errno of a raw Node file-system error (`ENOSPC`…), or null. */
const errnoOf = (error: unknown): string | null => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null
}

const textOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/** The details a message may name ({role}, {width}…): strings and numbers only, never objects. */
const scalarDetails = (details: Record<string, unknown>): MessageVars =>
  Object.fromEntries(
    Object.entries(details).filter(
      (entry): entry is [string, string | number] =>
        typeof entry[1] === 'string' || typeof entry[1] === 'number',
    ),
  )

/**
 * One line for an error that came back from a service (an ErrorShape, e.g. a failed task's): the
 * API client's localised text for API codes, the CLI's own for local ones. Messages built by the
 * services carry no secret (they are built from codes, never from raw exception text).
 */
export function describeShape(shape: ErrorShape, say: Say, locale: CliLocale, dataDir: string): string {
  const details = shape.details ?? {}
  if (shape.code === 'server' && details.serviceStatus !== undefined) {
    // A task the service ran and reported as failed: its own description says why.
    const reason = textOf(details.serviceMessage)
    return reason ? say('taskFailedOnService', { reason }) : say('taskFailedNoReason')
  }
  if (shape.code === 'invalid_request' && details.field === 'mask' && details.sourceWidth !== undefined) {
    // Found here before anything was sent: not the service's refusal.
    return say('error.mask_size', scalarDetails(details))
  }
  if (isApiErrorCode(shape.code)) {
    const message = describeApiError(shape.code, locale, details)
    const field = textOf(details.field)
    return field ? say('error.field', { message, field }) : message
  }
  const reason = textOf(details.reason)
  const problem = shape.code === 'io' && reason ? folderProblem(reason) : null
  if (problem) return say(problem, { dataDir, reason: reason ?? '' })
  // Missing storage keys are answered with the storage's own variables, not the API keys'.
  const keysOf: Record<string, MessageKey> = {
    storage: 'error.storage_keys_needed',
    environment: 'error.keys_needed_env',
  }
  const which = textOf(details.which)
  const local =
    shape.code === 'keys_needed' && which !== null && which in keysOf
      ? keysOf[which]
      : localMessages[shape.code]
  return local
    ? say(local, { ...scalarDetails(details), dataDir, detail: shape.message })
    : say('error.internal', { dataDir })
}

/** What to print and which status to exit with, for anything a command threw. */
export function describeFailure(
  error: unknown,
  say: Say,
  locale: CliLocale,
  dataDir: string,
): { line: string; exitCode: ExitCode } {
  if (error instanceof CliError) {
    const text = say(error.key, { dataDir, ...error.vars })
    return error.kind === 'usage'
      ? { line: text, exitCode: exitCodes.usage }
      : { line: text, exitCode: exitCodes.failure }
  }
  if (isAppError(error)) {
    return { line: describeShape(error.toShape(), say, locale, dataDir), exitCode: exitCodes.failure }
  }
  // A file-system failure outside the services' own handling still names the folder's problem.
  const errno = errnoOf(error)
  const problem = errno === null ? null : folderProblem(errno)
  if (errno !== null && problem !== null)
    return { line: say(problem, { dataDir, reason: errno }), exitCode: exitCodes.failure }
  // Anything else is a bug: its text could hold anything, so only the generic line is shown.
  return { line: say('error.internal', { dataDir }), exitCode: exitCodes.failure }
}
