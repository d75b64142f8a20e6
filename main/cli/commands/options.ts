import { InvalidArgumentError, type Command } from 'commander'
import type { DynamicPromptMode } from '#contract/dynamic-prompts/expand-template'
import { dynamicPromptLimits, historyPageLimit } from '#contract/limits'
import type { CliContext } from '../cli-context'
import type { ExitCode } from '../exit-codes'
import type { ControlNetApi } from '../image-command'

/*
 * What the command definitions share. This module and the definitions load on every start (for
 * --help), so they import commander and types only: each action loads its command module itself.
 */

/** Hands a command's exit status back to runCli. */
export type Done = (code: ExitCode) => void

/** Adds one command (or a family of them) to the program; cli-program lists one per line. */
export type RegisterCommand = (program: Command, context: CliContext, done: Done) => void

export const collect = (value: string, previous: string[]) => [...previous, value]

export const parseControlNetApi = (text: string): ControlNetApi => {
  if (text !== 'v2' && text !== 'v3') throw new InvalidArgumentError('use v2 or v3')
  return text
}

export const parseDynamicMode = (text: string): DynamicPromptMode => {
  if (text !== 'random' && text !== 'combinatorial')
    throw new InvalidArgumentError('use random or combinatorial')
  return text
}

export const parseDynamicCount = (text: string): number => {
  const count = Number(text)
  if (!/^\d+$/.test(text.trim()) || count < 1 || count > dynamicPromptLimits.maxCount)
    throw new InvalidArgumentError(`use a whole number from 1 to ${dynamicPromptLimits.maxCount}`)
  return count
}

export const parseLimit = (text: string): number => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > historyPageLimit) {
    throw new InvalidArgumentError(`use a whole number from 1 to ${historyPageLimit}`)
  }
  return value
}

export const parseCount = (text: string): number => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('a whole number, 0 or more')
  return value
}

/** --profile, --base-url and --allow-insecure-http: every command that talks to the service. */
export const connectionOptions = (command: Command, withProfile = true): Command => {
  if (withProfile) command.option('--profile <name>', 'connection profile by name (default: the active one)')
  return command
    .option('--base-url <url>', 'API address for this run (env IMG_OPEN_BASE_URL); never saved')
    .option(
      '--allow-insecure-http',
      'send the keys to a plain http:// address on another machine (unencrypted; a trusted network only)',
    )
}
