import { spawn } from 'node:child_process'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createLogger, createSecretRedactor } from '../../../main/services/logger'
import { openSettingsStore } from '../../../main/services/settings/settings-store'
import { useTempDirs } from '../../support/temp-dir'

const fixedClock = () => Date.parse('2025-03-04T05:06:07.089Z')
const logger = () => createLogger({ redactor: createSecretRedactor() })

const validFile = {
  version: 1,
  activeProfileId: 'p1',
  profiles: [
    {
      id: 'p1',
      name: 'Work',
      baseUrl: 'https://api.zhiqite.com',
      defaultCheckpoint: 'photon_v1_84728.safetensors',
      defaultVae: null,
      createdAt: 1,
      lastUsedAt: null,
    },
  ],
  demo: { defaultCheckpoint: null, defaultVae: null, lastUsedAt: null },
}

describe('the settings file', () => {
  const tempDir = useTempDirs()

  it('starts with defaults when there is no file, and writes nothing until something changes', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dataDir: dir, logger: logger() })
    expect(store.status).toEqual({ state: 'new', reason: null, keptAside: null, writable: true })
    expect(store.read()).toMatchObject({ version: 1, activeProfileId: 'demo', profiles: [] })
    expect(await readdir(dir)).toEqual([])
  })

  it('reads back what it saved, in a new store (as after a restart)', async () => {
    const dir = await tempDir()
    const first = await openSettingsStore({ dataDir: dir, logger: logger() })
    await first.update((s) => ({ ...s, demo: { ...s.demo, defaultVae: 'vae-ft-mse.safetensors' } }))
    const second = await openSettingsStore({ dataDir: dir, logger: logger() })
    expect(second.status.state).toBe('ok')
    expect(second.read().demo.defaultVae).toBe('vae-ft-mse.safetensors')
  })

  it('replaces the file by rename and leaves no temp file behind', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dataDir: dir, logger: logger() })
    for (let i = 0; i < 5; i += 1) {
      await store.update((s) => ({ ...s, demo: { ...s.demo, lastUsedAt: i } }))
    }
    expect(await readdir(dir)).toEqual(['settings.json'])
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).demo.lastUsedAt).toBe(4)
  })

  it('keeps every change when updates race each other', async () => {
    const dir = await tempDir()
    const store = await openSettingsStore({ dataDir: dir, logger: logger() })
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`)
    await Promise.all(
      names.map((id) =>
        store.update((s) => ({
          ...s,
          profiles: [
            ...s.profiles,
            {
              id,
              name: id,
              baseUrl: 'https://x.test',
              allowInsecureHttp: false,
              defaultCheckpoint: null,
              defaultVae: null,
              createdAt: 1,
              lastUsedAt: null,
              storage: null,
            },
          ],
        })),
      ),
    )
    const reopened = await openSettingsStore({ dataDir: dir, logger: logger() })
    expect(
      reopened
        .read()
        .profiles.map((p) => p.id)
        .sort(),
    ).toEqual([...names].sort())
  })

  it('keeps a file that is not JSON aside, starts on defaults and says so', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), '{"version":1,"profiles":[{"id":"p1",')
    const store = await openSettingsStore({ dataDir: dir, logger: logger(), clock: fixedClock })
    expect(store.status).toEqual({
      state: 'recovered',
      reason: 'corrupt',
      keptAside: 'settings.corrupt-2025-03-04T05-06-07-089Z.json',
      writable: true,
    })
    expect(store.read().profiles).toEqual([])
    expect(await readFile(join(dir, 'settings.corrupt-2025-03-04T05-06-07-089Z.json'), 'utf8')).toBe(
      '{"version":1,"profiles":[{"id":"p1",',
    )
  })

  it('keeps a JSON file that breaks the schema aside too, and never overwrites an earlier kept copy', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ ...validFile, profiles: 'nope' }))
    const first = await openSettingsStore({ dataDir: dir, logger: logger(), clock: fixedClock })
    expect(first.status).toMatchObject({ state: 'recovered', reason: 'invalid' })
    await writeFile(join(dir, 'settings.json'), 'garbage')
    const second = await openSettingsStore({ dataDir: dir, logger: logger(), clock: fixedClock })
    expect(second.status.keptAside).toBe('settings.corrupt-2025-03-04T05-06-07-089Z-2.json')
    expect((await readdir(dir)).sort()).toEqual([
      'settings.corrupt-2025-03-04T05-06-07-089Z-2.json',
      'settings.corrupt-2025-03-04T05-06-07-089Z.json',
    ])
  })

  it('keeps a file from a newer version of the app aside rather than misreading it', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ ...validFile, version: 7 }))
    const store = await openSettingsStore({ dataDir: dir, logger: logger(), clock: fixedClock })
    expect(store.status).toMatchObject({ state: 'recovered', reason: 'newer_version' })
    expect(store.status.keptAside).toMatch(/^settings\.newer-/)
  })

  it('falls back to the demo when the active profile is gone', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ ...validFile, activeProfileId: 'gone' }))
    const store = await openSettingsStore({ dataDir: dir, logger: logger() })
    expect(store.status.state).toBe('ok')
    expect(store.read().activeProfileId).toBe('demo')
    expect(store.read().profiles).toHaveLength(1)
  })

  it('drops unknown fields, so nothing foreign survives a rewrite', async () => {
    const dir = await tempDir()
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ ...validFile, accessKeySecret: 'leaked-value' }),
    )
    const store = await openSettingsStore({ dataDir: dir, logger: logger() })
    await store.update((s) => s)
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('leaked-value')
  })

  it('reports a failed save as an io error and keeps the previous settings', async () => {
    const dir = await tempDir()
    const dataDir = join(dir, 'data')
    const store = await openSettingsStore({ dataDir, logger: logger() })
    await store.update((s) => ({ ...s, demo: { ...s.demo, defaultVae: 'kept' } }))
    // The data folder is replaced by a plain file: no write can succeed there, even as root.
    await rm(dataDir, { recursive: true })
    await writeFile(dataDir, 'not a folder')
    await expect(
      store.update((s) => ({ ...s, demo: { ...s.demo, defaultVae: 'lost' } })),
    ).rejects.toMatchObject({
      code: 'io',
    })
    expect(store.read().demo.defaultVae).toBe('kept')
  })

  it('moves an unreadable settings path (a folder) aside instead of failing to start', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'settings.json'))
    const store = await openSettingsStore({ dataDir: dir, logger: logger(), clock: fixedClock })
    expect(store.status).toMatchObject({ state: 'recovered', reason: 'unreadable', writable: true })
    await store.update((s) => s)
    expect((await readdir(dir)).sort()).toEqual([
      'settings.corrupt-2025-03-04T05-06-07-089Z.json',
      'settings.json',
    ])
  })
})

describe('the settings file under kill -9', () => {
  const tempDir = useTempDirs()
  const writer = fileURLToPath(new URL('./fixtures/settings-writer.ts', import.meta.url))

  /** Runs the writer until it has acknowledged `saves` saves, then kills it; returns the last acknowledged value. */
  function killAfter(dataDir: string, saves: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let acknowledged = 0
      let buffered = ''
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        for (const match of buffered.matchAll(/saved (\d+)\n/g)) acknowledged = Number(match[1])
        if (acknowledged >= saves) child.kill('SIGKILL')
      })
      child.on('error', reject)
      child.on('exit', () => resolve(acknowledged))
    })
  }

  it('always reopens with the last acknowledged save or a later one, never a torn file', async () => {
    const dataDir = await tempDir()
    for (const saves of [3, 17, 40, 9, 25]) {
      const acknowledged = await killAfter(dataDir, saves)
      const store = await openSettingsStore({ dataDir, logger: logger() })
      expect(store.status.state).toBe('ok')
      const value = store.read().demo.lastUsedAt ?? 0
      expect(value).toBeGreaterThanOrEqual(acknowledged)
      expect(value).toBeLessThanOrEqual(acknowledged + 1)
      expect(await readdir(dataDir)).toEqual(['settings.json'])
    }
  })
})
