import { spawn, type ChildProcess } from 'node:child_process'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { createLaunchCodes } from '../../../main/transport/launch-codes'
import { useTempDirs } from '../../support/temp-dir'
import { runImgOpen } from '../cli/cli-kit'

/*
 * Issue 14 item 5: the browser edition's token never goes on a command line (which `ps` shows to
 * every local user), and every file the app writes in its data folder is private to its owner.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** GET `path` on the bridge with its own Host header: the status and the Location header. */
function get(port: number, path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, location: res.headers.location })
    })
    req.on('error', reject)
    req.end()
  })
}

/** Every file and folder under `dir` (itself included) with its permission bits. */
async function modesUnder(dir: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const paths = [dir, ...entries.map((entry) => join(entry.parentPath, entry.name))]
  return Promise.all(
    paths.map(async (path) => {
      const info = await stat(path)
      return { path, dir: info.isDirectory(), mode: info.mode & 0o777 }
    }),
  )
}

describe('one-time launch codes', () => {
  it('work once, and not after they expire', () => {
    let now = 1_000
    const codes = createLaunchCodes({ ttlMs: 60_000, now: () => now })
    const first = codes.issue()
    expect(codes.redeem('not-a-code')).toBe(false)
    expect(codes.redeem(first)).toBe(true)
    expect(codes.redeem(first)).toBe(false)
    const late = codes.issue()
    now += 60_000
    expect(codes.redeem(late)).toBe(false)
  })
})

describe('the browser edition and the CLI on a real data folder', () => {
  const tempDir = useTempDirs()
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  })

  it(
    'opens the browser with a one-time code, not the token, and keeps every file private',
    { timeout: 90_000 },
    async () => {
      const dataDir = await tempDir()
      const tools = await tempDir()
      const argvFile = join(tools, 'argv.txt')
      const opener = join(tools, 'opener.sh')
      await writeFile(opener, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`, { mode: 0o755 })

      const edition = spawn(process.execPath, ['--import', 'tsx', 'main/browser-edition.ts'], {
        cwd: root,
        env: { ...process.env, IMG_OPEN_DATA_DIR: dataDir, IMG_OPEN_BROWSER: opener },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      children.push(edition)
      let stdout = ''
      edition.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      await expect.poll(() => /Open: (\S+)/.exec(stdout)?.[1], { timeout: 60_000 }).toBeDefined()
      const printed = new URL(/Open: (\S+)/.exec(stdout)?.[1] ?? '')
      const token = printed.searchParams.get('token') ?? ''
      expect(token.length).toBeGreaterThanOrEqual(32)

      await expect.poll(() => readFile(argvFile, 'utf8').catch(() => ''), { timeout: 20_000 }).not.toBe('')
      const argv = await readFile(argvFile, 'utf8')
      expect(argv).not.toContain(token)
      const launch = new URL(argv.trim())
      expect(launch.searchParams.get('launch')).toEqual(expect.any(String))
      const port = Number(launch.port)
      const path = `${launch.pathname}${launch.search}`
      expect(await get(port, path)).toEqual({ status: 303, location: `/?token=${token}` })
      expect(await get(port, path)).toMatchObject({ status: 403 })

      const stopped = new Promise((resolve) => edition.once('exit', resolve))
      edition.kill('SIGTERM')
      await stopped

      // A task with images: the image cache, the history and the log get written too.
      const run = await runImgOpen(['generate', '--params', await paramsFile(tools), '--wait'], {
        IMG_OPEN_DATA_DIR: dataDir,
      })
      expect(run.code).toBe(0)
      const modes = await modesUnder(dataDir)
      const files = modes.filter((entry) => !entry.dir).map((entry) => entry.path.slice(dataDir.length + 1))
      expect(files).toEqual(expect.arrayContaining(['history.db', 'settings.json', join('logs', 'main.log')]))
      expect(files.some((file) => file.startsWith('images'))).toBe(true)
      expect(modes.filter((entry) => entry.mode !== (entry.dir ? 0o700 : 0o600))).toEqual([])
    },
  )
})

async function paramsFile(dir: string): Promise<string> {
  const path = join(dir, 'params.json')
  await writeFile(
    path,
    JSON.stringify({
      prompt: 'a lighthouse at dusk',
      steps: 4,
      width: 128,
      height: 128,
      alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
    }),
  )
  return path
}
