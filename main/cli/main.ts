import { keepNewFilesPrivate } from '../services/fs/private-files'
import { resolveDataDir } from '../services/paths'
import { exitCodes } from './exit-codes'
import { cliLocale, createSay } from './cli-messages'
import { runCli } from './run-cli'

/*
 * The `img-open` process. Built as out/main/cli.js, which the installed app's binary runs through
 * main/launch.ts (README, "Command line"); in a checkout bin/img-open.mjs runs this file through tsx.
 * Ctrl+C or SIGTERM stops a wait (the services close, the history keeps the task); a second
 * Ctrl+C ends the process at once.
 */
keepNewFilesPrivate()
const interrupted = new AbortController()
const stopWaiting = () => {
  if (interrupted.signal.aborted) process.exit(exitCodes.interrupted)
  interrupted.abort()
}
process.on('SIGINT', stopWaiting)
process.on('SIGTERM', stopWaiting)

// Last resort for a bug outside any command's handling: still one line, never a stack.
const crashed = () => {
  const say = createSay(cliLocale(process.env))
  process.stderr.write(`${say('errorPrefix')}${say('error.internal', { dataDir: resolveDataDir() })}\n`)
  process.exit(exitCodes.failure)
}
process.on('uncaughtException', crashed)
process.on('unhandledRejection', crashed)
// A reader that went away (`img-open history | head -1`) is not an error worth a stack trace.
process.stdout.on('error', () => undefined)
process.stderr.on('error', () => undefined)

const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()))

const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  interrupted: interrupted.signal,
})
// Exit explicitly: pooled keep-alive sockets must not hold the process open once the work is done.
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
process.exit(exitCode)
