import { open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { syncDirectory } from '../fs/atomic-write'

/** How many numbered names are tried before giving up (a folder holding 10,000 of one name). */
const maxAttempts = 10_000

const isExists = (error: unknown) => (error as { code?: unknown }).code === 'EEXIST'

/**
 * Writes `bytes` as `<base>.<extension>` in `folder`, or `<base>-1.<extension>`, `-2`… when taken:
 * the exclusive create makes two writers racing for a name both succeed under different names,
 * and an existing file is never overwritten. The data is fsynced before the name is answered; a
 * write that fails midway leaves no file behind.
 */
export async function writeUniqueFile(
  folder: string,
  base: string,
  extension: string,
  bytes: Uint8Array,
): Promise<string> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const path = join(folder, `${attempt === 0 ? base : `${base}-${attempt}`}.${extension}`)
    let handle
    try {
      handle = await open(path, 'wx')
    } catch (error) {
      if (isExists(error)) continue
      throw error
    }
    try {
      await handle.writeFile(bytes)
      await handle.sync()
      await handle.close()
    } catch (error) {
      await handle.close().catch(() => undefined)
      await rm(path, { force: true })
      throw error
    }
    await syncDirectory(folder)
    return path
  }
  throw new Error('No free file name.')
}

/** The extension of an image type the cache keeps. */
export const extensionOf = (path: string) => path.slice(path.lastIndexOf('.') + 1)
