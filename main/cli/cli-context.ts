import type { CliLocale, Say } from './cli-messages'

/** An output stream as the CLI uses it; `isTTY` decides between a progress bar and plain lines. */
export type CliStream = NodeJS.WritableStream & { readonly isTTY?: boolean }

/** The terminal a command may ask a hidden question on (keys); absent or not a TTY in scripts. */
export type CliInput = NodeJS.ReadableStream & {
  readonly isTTY?: boolean
  setRawMode?(mode: boolean): unknown
}

/** Everything a command needs from its surroundings, passed in so the commands hold no globals. */
export interface CliContext {
  readonly stdout: CliStream
  readonly stderr: CliStream
  readonly stdin?: CliInput
  readonly env: NodeJS.ProcessEnv
  readonly locale: CliLocale
  readonly say: Say
  readonly dataDir: string
  readonly version: string
  /** Aborted on Ctrl+C / SIGTERM: waiting stops, the services close cleanly. */
  readonly interrupted: AbortSignal
}

/** Writes one line to stdout. */
export const printLine = (context: CliContext, text: string): void => {
  context.stdout.write(`${text}\n`)
}

/** A note or warning for people, on stderr so stdout stays the command's result. */
export const noteLine = (context: CliContext, text: string): void => {
  context.stderr.write(`${text}\n`)
}

/** The one JSON document `--json` prints on stdout. */
export const printJson = (context: CliContext, value: unknown): void => {
  context.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
