import type { CliContext, CliInput } from './cli-context'
import { usageError } from './cli-errors'
import type { MessageKey } from './cli-messages'

/** Which keys: the API's (access key id + secret) or the image storage's (S3 id + secret). */
export type KeyKind = 'api' | 'storage'

export interface GivenKeys {
  readonly id: string
  readonly secret: string
  /** Typed at the prompt (kept only if the keychain can keep it) or read from the environment. */
  readonly from: 'prompt' | 'env'
}

export const keyEnv = {
  api: { id: 'IMG_OPEN_ACCESS_KEY_ID', secret: 'IMG_OPEN_ACCESS_KEY_SECRET' },
  storage: { id: 'IMG_OPEN_STORAGE_ACCESS_KEY_ID', secret: 'IMG_OPEN_STORAGE_SECRET_ACCESS_KEY' },
} as const satisfies Record<KeyKind, { id: string; secret: string }>

const promptKeys = {
  api: { id: 'promptKeyId', secret: 'promptKeySecret' },
  storage: { id: 'promptStorageKeyId', secret: 'promptStorageSecret' },
} as const satisfies Record<KeyKind, { id: MessageKey; secret: MessageKey }>

const enter = new Set(['\r', '\n', '\u0004'])
const erase = new Set(['\u007f', '\b'])
const interrupt = '\u0003'

/**
 * Reads one line from the terminal without echoing it, as `sudo` and `ssh-keygen` do: the secret
 * never reaches the screen, the shell history or the process list. Ctrl+C gives up.
 */
export function readHidden(input: CliInput, context: CliContext, label: string): Promise<string> {
  context.stderr.write(label)
  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = (error: Error | null) => {
      input.removeListener('data', onData)
      input.setRawMode?.(false)
      input.pause()
      context.stderr.write('\n')
      if (error) reject(error)
      else resolve(typed.trim())
    }
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === interrupt) return finish(usageError('promptCancelled'))
        if (enter.has(char)) return finish(null)
        if (erase.has(char)) typed = typed.slice(0, -1)
        else if (char >= ' ') typed += char
      }
    }
    input.setRawMode?.(true)
    input.resume()
    input.on('data', onData)
  })
}

/**
 * The keys to store for a profile or its storage: from the environment when set (a server, CI),
 * else asked at the terminal; null when neither is possible. Never from the command line.
 */
export async function keysToStore(context: CliContext, kind: KeyKind): Promise<GivenKeys | null> {
  const names = keyEnv[kind]
  const id = context.env[names.id] || undefined
  const secret = context.env[names.secret] || undefined
  if (id && secret) return { id, secret, from: 'env' }
  if (id || secret) throw usageError(kind === 'api' ? 'keysIncomplete' : 'storageKeysIncomplete')
  const input = context.stdin
  if (input?.isTTY !== true) return null
  const typedId = await readHidden(input, context, context.say(promptKeys[kind].id))
  const typedSecret = await readHidden(input, context, context.say(promptKeys[kind].secret))
  if (!typedId || !typedSecret) throw usageError('promptEmpty')
  return { id: typedId, secret: typedSecret, from: 'prompt' }
}
