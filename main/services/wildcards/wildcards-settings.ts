import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { z } from 'zod'
import { AppError } from '#contract'
import { writeFileAtomic } from '../fs/atomic-write'
import type { Logger } from '../logger'

export const wildcardsFileName = 'wildcards.json'

const wildcardsSettingsSchema = z.object({ folder: z.string().min(1).nullable() })

/** The folder used when none is set: `<dataDir>/wildcards`. */
export const defaultWildcardsDir = (dataDir: string): string => join(dataDir, 'wildcards')

/**
 * Reads the wildcards folder set in Settings from `<dataDir>/wildcards.json`; null when none is
 * set. A damaged file is logged and read as "none" (the default folder), and replaced only when the
 * user saves a folder. Its own file, as outputs.json, so this setting cannot damage settings.json.
 */
export async function readWildcardsFolder(dataDir: string, logger?: Logger): Promise<string | null> {
  let text: string
  try {
    text = await readFile(join(dataDir, wildcardsFileName), 'utf8')
  } catch {
    return null
  }
  try {
    return wildcardsSettingsSchema.parse(JSON.parse(text)).folder
  } catch {
    logger?.warn('wildcards.settings_unreadable')
    return null
  }
}

/**
 * Checks and saves the folder. Only an absolute path to an existing folder is taken: a relative
 * path would depend on where the app was started, and a typo should say so rather than silently
 * complete nothing.
 */
export async function writeWildcardsFolder(dataDir: string, folder: string | null): Promise<void> {
  if (folder !== null) {
    const bad = (message: string) => new AppError('invalid_request', message, { field: 'folder' })
    if (!isAbsolute(folder)) throw bad('The wildcards folder must be a full path.')
    const found = await stat(folder).catch(() => null)
    if (!found?.isDirectory()) throw bad('The wildcards folder does not exist or is not a folder.')
  }
  await writeFileAtomic(join(dataDir, wildcardsFileName), `${JSON.stringify({ folder }, null, 2)}\n`)
}
