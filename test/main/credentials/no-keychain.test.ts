import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'

const child = fileURLToPath(new URL('./fixtures/keychain-child.ts', import.meta.url))

interface ChildReport {
  keychain: { ok: boolean; value?: unknown }
  set: { ok: boolean; value?: unknown; error?: unknown }
  listBefore: { ok: boolean; value?: { profiles: { id: string; keys: unknown }[] } }
  setSessionOnly: { ok: boolean; value?: unknown }
  list: { ok: boolean; value?: { profiles: { id: string; keys: unknown }[] } }
  connection: unknown
  clear: { ok: boolean; value?: unknown; error?: unknown }
  profileId: string
}

/** The environment without any way to reach a session bus (no X11 to autolaunch one either). */
function withoutBus(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.DBUS_SESSION_BUS_ADDRESS
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  return env
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    proc.on('error', reject)
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? ''
      try {
        resolve(JSON.parse(line) as ChildReport)
      } catch {
        reject(new Error(`child exited ${code}: ${err.slice(-2000)}`))
      }
    })
  })
}

const nodeArgs = (dataDir: string, secret: string) => [
  '--import',
  'tsx',
  child,
  dataDir,
  `test-${randomUUID()}`,
  secret,
]

async function expectNoSecretInFiles(dir: string, secret: string) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  for (const entry of entries.filter((e) => e.isFile())) {
    expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).not.toContain(secret)
  }
}

/** What every "no usable keychain" run must show: a clear reason, and keys kept for the session. */
function expectSessionOnlyFallback(report: ChildReport, reason: string, secret: string) {
  expect(report.keychain).toEqual({
    ok: true,
    value: {
      state: 'unavailable',
      newKeysGoTo: 'session',
      problem: { code: 'keychain_unavailable', reason },
      platform: 'linux',
    },
  })
  expect(report.set).toEqual({
    ok: true,
    value: {
      required: true,
      set: true,
      store: 'session',
      keyIdLast4: '1234',
      problem: { code: 'keychain_unavailable', reason },
    },
  })
  expect(report.list.value?.profiles.find((p) => p.id === report.profileId)?.keys).toMatchObject({
    set: true,
    store: 'session',
  })
  expect(report.connection).toEqual({
    baseUrl: 'https://api.zhiqite.com',
    allowInsecureHttp: false,
    auth: { accessKeyId: 'openapi-child-key-1234', accessKeySecret: secret },
  })
  expect(report.clear).toMatchObject({ ok: true, value: { set: false } })
}

describe('without a usable keychain', () => {
  const tempDir = useTempDirs()

  it('explains that there is no Secret Service and keeps keys for this session only (no D-Bus at all)', async () => {
    const dataDir = await tempDir()
    const secret = `CANARY-${randomUUID()}`
    const report = await run(process.execPath, nodeArgs(dataDir, secret), withoutBus())
    expectSessionOnlyFallback(report, 'no_secret_service', secret)
    await expectNoSecretInFiles(dataDir, secret)
  })

  it('says the same on a session bus where nothing provides org.freedesktop.secrets', async () => {
    const dataDir = await tempDir()
    const config = join(await tempDir(), 'bare-session.conf')
    await writeFile(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>`,
    )
    const secret = `CANARY-${randomUUID()}`
    const report = await run(
      'dbus-run-session',
      [`--config-file=${config}`, '--', process.execPath, ...nodeArgs(dataDir, secret)],
      withoutBus(),
    )
    expectSessionOnlyFallback(report, 'no_secret_service', secret)
  })

  it('reports a locked keyring as locked, refuses to store silently, and offers session-only', async () => {
    // A keyring with a password, created in one session and left locked in the next.
    const keyrings = await tempDir()
    const env = { ...withoutBus(), XDG_DATA_HOME: keyrings }
    const made = spawnSync(
      'dbus-run-session',
      [
        '--',
        'bash',
        '-c',
        'echo -n keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      ],
      { env, stdio: 'ignore' },
    )
    expect(made.status).toBe(0)
    const dataDir = await tempDir()
    const secret = `CANARY-${randomUUID()}`
    const script = 'gnome-keyring-daemon --start --components=secrets >/dev/null && exec "$@"'
    const report = await run(
      'dbus-run-session',
      ['--', 'bash', '-c', script, 'child', process.execPath, ...nodeArgs(dataDir, secret)],
      env,
    )
    const locked = { code: 'keychain_locked', reason: 'locked' }
    expect(report.keychain).toMatchObject({
      value: { state: 'locked', newKeysGoTo: 'keychain', problem: locked },
    })
    expect(report.set).toMatchObject({
      ok: false,
      error: { code: 'keychain_locked', details: { reason: 'locked', platform: 'linux' } },
    })
    expect(JSON.stringify(report.set)).not.toContain(secret)
    expect(report.listBefore.value?.profiles.find((p) => p.id === report.profileId)?.keys).toEqual({
      required: true,
      set: false,
      store: null,
      keyIdLast4: null,
      problem: locked,
    })
    expect(report.setSessionOnly).toMatchObject({
      ok: true,
      value: { set: true, store: 'session', keyIdLast4: '1234' },
    })
    expect(report.connection).toMatchObject({ auth: { accessKeySecret: secret } })
    expect(report.clear).toMatchObject({ ok: false, error: { code: 'keychain_locked' } })
    await expectNoSecretInFiles(dataDir, secret)
  })
})
