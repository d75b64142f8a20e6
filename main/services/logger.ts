import { appendFileSync, mkdirSync } from 'node:fs'
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
}

export interface MemoryLogger extends Logger {
  readonly lines: string[]
}

/** A JSON-lines logger; every line is redacted before it is kept or written. */
export function createLogger(options: LoggerOptions): MemoryLogger {
  const clock = options.clock ?? Date.now
  const lines: string[] = []
  if (options.file) mkdirSync(dirname(options.file), { recursive: true })
  const write = (level: LogLevel, event: string, fields: LogFields = {}) => {
    const line = options.redactor.redact(
      JSON.stringify({ t: new Date(clock()).toISOString(), level, event, ...fields }),
    )
    lines.push(line)
    if (lines.length > 2000) lines.splice(0, lines.length - 2000)
    if (options.file) appendFileSync(options.file, `${line}\n`)
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
