import { chmod, mkdir, stat } from 'node:fs/promises'

/*
 * The data folder holds the history (prompts, result links), logs and images: other users of the
 * machine have no business reading any of it (issue 14 item 5). Two layers:
 * - the entry points (Electron, browser edition, CLI) set the umask to 077 before anything is
 *   written, so every file any part of the app creates, now or later, is 0600 and every folder
 *   0700, including those SQLite creates itself (-wal, -shm), which take no mode option;
 * - the data folder itself is made 0700 at every start, which also closes a folder an older
 *   version left 0755 with 0644 files inside.
 */

/** Owner-only for every file and folder this process creates from now on (not on Windows). */
export function keepNewFilesPrivate(): void {
  if (process.platform !== 'win32') process.umask(0o077)
}

/** Creates the data folder owner-only, or makes an existing one so. */
export async function makeDataDirPrivate(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  if (process.platform === 'win32') return
  const { mode } = await stat(dataDir)
  if ((mode & 0o077) !== 0) await chmod(dataDir, 0o700)
}
