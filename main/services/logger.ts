import * as nodeFs from 'node:fs'
import { dirname } from 'node:path'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

/**
 * Values that must never be written anywhere. The credentials service registers every secret it
 * handles; the logger (and anything else that writes text out) passes its text through `redact`.
 */
export interface SecretRedactor {
  register(secret: string): void
  redact(text: string): string
  /** Every secret registered so far (for cleaning what the network sends, untrusted-text.ts). */
  known(): readonly string[]
}

export function createSecretRedactor(): SecretRedactor {
  const secrets = new Set<string>()
  return {
    register(secret) {
      // Very short values would redact ordinary words; real keys are far longer.
      if (secret.length >= 6) secrets.add(secret)
    },
    redact(text) {
      let out = text
      for (const secret of secrets) out = out.split(secret).join('[redacted]')
      return out
    },
    known: () => [...secrets],
  }
}

export interface LoggerOptions {
  /** Where JSON lines go; omitted means memory only (tests read `lines`). */
  readonly file?: string
  readonly redactor: SecretRedactor
  readonly clock?: () => number
  /** Also echo warnings and errors to stderr (CLI and dev runs). */
  readonly echo?: boolean
  /** The file system calls it makes; tests inject a full disk. */
  readonly fs?: Pick<typeof nodeFs, 'appendFileSync' | 'mkdirSync'>
}

/** Lines kept in memory while the log file cannot be written; older ones are dropped past this. */
const maxPendingLines = 5000

export interface MemoryLogger extends Logger {
  readonly lines: string[]
}

/** A JSON-lines logger; every line is redacted before it is kept or written. */
export function createLogger(options: LoggerOptions): MemoryLogger {
  const clock = options.clock ?? Date.now
  const fs = options.fs ?? nodeFs
  const lines: string[] = []
  const pending: string[] = []
  const file = options.file
  let folderMade = false
  /**
   * Logging never fails its caller: a full disk or a read-only folder must not end a task
   * half-recorded. Lines that cannot be written wait in memory and go out, in order, with the
   * first write that succeeds again.
   */
  const append = (line: string) => {
    if (file === undefined) return
    pending.push(line)
    if (pending.length > maxPendingLines) pending.splice(0, pending.length - maxPendingLines)
    try {
      if (!folderMade) fs.mkdirSync(dirname(file), { recursive: true })
      folderMade = true
      fs.appendFileSync(file, `${pending.join('\n')}\n`)
      pending.length = 0
    } catch {
      // Kept in `pending`; the disk may have room again at the next line.
    }
  }
  const write = (level: LogLevel, event: string, fields: LogFields = {}) => {
    const line = options.redactor.redact(
      JSON.stringify({ t: new Date(clock()).toISOString(), level, event, ...fields }),
    )
    lines.push(line)
    if (lines.length > 2000) lines.splice(0, lines.length - 2000)
    append(line)
    if (options.echo && (level === 'warn' || level === 'error')) process.stderr.write(`${line}\n`)
  }
  return {
    lines,
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  }
}
