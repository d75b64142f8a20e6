import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, readdir, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { recordIn } from './cli-kit'

const bin = fileURLToPath(new URL('../../../bin/img-open.mjs', import.meta.url))

type Fault = (request: IncomingMessage, response: ServerResponse) => void

/** The faults of a service that is down, each for every path. */
const faults: Record<string, Fault> = {
  'HTTP 500': (_request, response) => {
    response.writeHead(500, { 'content-type': 'application/json' })
    response.end('{"code":"500","msg":"internal error"}')
  },
  'an HTML page': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end('<html><body>Bad gateway</body></html>')
  },
  'reset connections': (request) => request.socket.destroy(),
  'a stall': () => undefined,
}

interface Running {
  readonly child: ChildProcess
  stderr: string
  readonly closed: Promise<number | null>
}

/**
 * `node bin/img-open.mjs …` with streamed stderr. `unprivileged`: as root (which ignores file
 * modes) the command runs as nobody, so a read-only folder is read-only to it.
 */
function startImgOpen(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  unprivileged?: { tmp: string },
): Running {
  const asNobody = unprivileged !== undefined && process.getuid?.() === 0
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: unprivileged?.tmp ?? process.env.HOME,
      TMPDIR: unprivileged?.tmp ?? process.env.TMPDIR,
      LANG: 'en_US.UTF-8',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
  })
  const running: Running = {
    child,
    stderr: '',
    closed: new Promise((resolve) => child.on('close', (code) => resolve(code))),
  }
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (running.stderr += chunk))
  return running
}

/** Resolves once stderr matches (the test's own timeout bounds the wait). */
async function stderrShows(running: Running, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const found = running.stderr.match(pattern)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('img-open when the service is down at submit (SECURITY.md #17, #23)', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()
  const servers: Server[] = []
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  async function faultServer(fault: Fault): Promise<string> {
    const server = createServer(fault)
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it.each(Object.keys(faults))(
    'says within seconds what happens with %s, and Ctrl+C leaves the task in the history',
    async (name) => {
      const baseUrl = await faultServer(faults[name] as Fault)
      const dataDir = await tempDir()
      const params = join(dataDir, 'params.json')
      await writeFile(
        params,
        JSON.stringify({
          prompt: 'a harbour at dusk',
          alwayson_scripts: { sd_model_checkpoint: 'm.safetensors' },
        }),
      )
      const running = startImgOpen(['generate', '--params', params, '--base-url', baseUrl, '--wait'], {
        IMG_OPEN_DATA_DIR: dataDir,
        IMG_OPEN_ACCESS_KEY_ID: 'fault-test-key-id',
        IMG_OPEN_ACCESS_KEY_SECRET: 'fault-test-key-secret',
      })
      const [, taskId] = await stderrShows(
        running,
        name === 'a stall'
          ? /note: no answer from the service about task (\S+) yet; still waiting\. Ctrl\+C stops waiting/
          : /note: .+ Still checking whether the service took task (\S+?)(?: in \d+ s)?\. Ctrl\+C stops waiting/,
      )
      if (name === 'HTTP 500') expect(running.stderr).toContain('The service answers HTTP 500:')
      running.child.kill('SIGINT')
      expect(await running.closed).toBe(130)
      expect(running.stderr).toContain(`Stopped waiting. Task ${taskId} stays in the history as submitting`)
      expect(running.stderr).not.toContain('fault-test-key-secret')
      expect(recordIn(dataDir, taskId ?? '')).toMatchObject({ status: 'submitting' })
    },
  )
})

describe('img-open on a read-only data folder (SECURITY.md #21)', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()

  it('names the folder and the problem, exits 1 and leaves no lock files behind', async () => {
    const dataDir = await tempDir()
    const tmp = await tempDir()
    await chmod(tmp, 0o777)
    const first = startImgOpen(['history'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(await first.closed).toBe(0)
    const before = (await readdir(dataDir)).sort()
    await chmod(dataDir, 0o555)
    try {
      const run = startImgOpen(['history'], { IMG_OPEN_DATA_DIR: dataDir }, { tmp })
      expect(await run.closed).toBe(1)
      expect(run.stderr).toMatch(
        new RegExp(
          `^img-open: The data folder ${dataDir} cannot be written \\((EACCES|EPERM|EROFS|SQLITE_READONLY|SQLITE_CANTOPEN)[^)]*: read-only or no permission\\)\\. Make it writable, or use IMG_OPEN_DATA_DIR for another folder\\.\\n$`,
        ),
      )
      expect((await readdir(dataDir)).sort()).toEqual(before)
    } finally {
      await chmod(dataDir, 0o755)
    }
    const again = startImgOpen(['history'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(await again.closed).toBe(0)
  })
})
