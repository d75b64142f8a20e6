import { createHash } from 'node:crypto'
import { access, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../fs/atomic-write'

/** Video and audio files a custom request's answer linked to (images go to the image cache). */
export interface MediaStore {
  /** Stores sniffed bytes; answers the key `<sha256>.<ext>` (content-addressed, never a path). */
  put(bytes: Uint8Array, extension: string): Promise<string>
  /** The file of a key, or null for a key that is not one of ours. */
  locate(key: string): string | null
}

const keyPattern = /^[0-9a-f]{64}\.[a-z0-9]{2,5}$/

export function createMediaStore(dataDir: string): MediaStore {
  const root = join(dataDir, 'media')
  return {
    async put(bytes, extension) {
      const key = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`
      const path = join(root, key)
      await mkdir(root, { recursive: true })
      const exists = await access(path).then(
        () => true,
        () => false,
      )
      if (!exists) await writeFileAtomic(path, bytes)
      return key
    },
    locate: (key) => (keyPattern.test(key) ? join(root, key) : null),
  }
}
