import { CommanderError } from 'commander'
import { readAppVersion } from '../services/app-version'
import { resolveDataDir } from '../services/paths'
import { exitCodes, type ExitCode } from './exit-codes'
import type { CliContext, CliInput, CliStream } from './cli-context'
import { cliLocale, createSay, type Say } from './cli-messages'
import { buildProgram } from './cli-program'
import { findKeyArgument } from './key-arguments'

export interface CliIo {
  readonly stdout: CliStream
  readonly stderr: CliStream
  /** Where `profile add` and `storage set` ask for keys when they are not in the environment. */
  readonly stdin?: CliInput
  readonly env: NodeJS.ProcessEnv
  /** Aborted on Ctrl+C: a waiting command stops waiting and closes the services cleanly. */
  readonly interrupted?: AbortSignal
}

const packageJson = new URL('../../package.json', import.meta.url)

/** Commander's own outcomes: help and version are success, anything else is a usage error. */
function commanderOutcome(error: CommanderError, say: Say, stderr: CliStream): ExitCode {
  // Help asked for (`--help`, `help CMD`) and the version end with commander's exit code 0.
  if (error.exitCode === 0) return exitCodes.ok
  // Without a command, commander has already printed the help to stderr.
  if (error.code !== 'commander.help') {
    const detail = error.message.replace(/^error:\s*/i, '').split('\n')[0] ?? ''
    stderr.write(`${say('errorPrefix')}${say('usage', { detail })}\n`)
  }
  return exitCodes.usage
}

/**
 * Runs one `img-open` command line and answers its exit status. Every failure ends as one line on
 * stderr (localised, no stack, no secret): 2 for a wrong command line, 1 for anything else.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const locale = cliLocale(io.env)
  const say = createSay(locale)
  const keyOption = findKeyArgument(argv)
  if (keyOption !== null) {
    io.stderr.write(`${say('errorPrefix')}${say('keyArgumentRefused', { option: keyOption })}\n`)
    return exitCodes.usage
  }
  const context: CliContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin,
    env: io.env,
    locale,
    say,
    dataDir: resolveDataDir(io.env),
    version: readAppVersion(packageJson),
    interrupted: io.interrupted ?? new AbortController().signal,
  }
  let exitCode: ExitCode = exitCodes.ok
  const program = buildProgram(context, (code) => {
    exitCode = code
  })
  // Only a command that runs loads zod (help and usage errors answer without it); its schema
  // messages (a params file's bad field) then speak the user's language too.
  program.hook('preAction', async () => {
    if (locale !== 'zh-CN') return
    const { useChineseSchemaMessages } = await import('./zod-chinese')
    useChineseSchemaMessages()
  })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) return commanderOutcome(error, say, io.stderr)
    const { describeFailure } = await import('./cli-errors')
    const failure = describeFailure(error, say, locale, context.dataDir)
    io.stderr.write(`${say('errorPrefix')}${failure.line}\n`)
    return failure.exitCode
  }
}
