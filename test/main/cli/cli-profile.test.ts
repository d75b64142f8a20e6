import keytar from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import { keychainServiceName } from '../../../main/services/credentials/secret-store'
import { simulatorTestKeys } from '../../../main/simulator/sim-keys'
import { useSimulators } from '../../support/simulators'
import { useTempDirs } from '../../support/temp-dir'
import { filesUnder, runImgOpen, withoutSessionBus } from './cli-kit'

/*
 * `img-open profile …` run as a separate process, as a server or CI would, against the simulator
 * (a real HTTP server) and the real OS keychain (`npm test` provides a private Secret Service).
 */
interface ProfileJson {
  id: string
  name: string
  active: boolean
  base_url: string | null
  keys: { set: boolean; store: string | null; key_id_last4: string | null }
}

const apiEnv = {
  IMG_OPEN_ACCESS_KEY_ID: simulatorTestKeys.accessKeyId,
  IMG_OPEN_ACCESS_KEY_SECRET: simulatorTestKeys.accessKeySecret,
}
const last4 = simulatorTestKeys.accessKeyId.slice(-4)

describe('img-open profile', { timeout: 180_000 }, () => {
  const tempDir = useTempDirs()
  const startSimulator = useSimulators()
  const profileIds: string[] = []
  afterEach(async () => {
    for (const id of profileIds.splice(0)) await keytar.deletePassword(keychainServiceName, id)
  })

  const listed = async (dataDir: string): Promise<ProfileJson[]> => {
    const run = await runImgOpen(['profile', 'list', '--json'], { IMG_OPEN_DATA_DIR: dataDir })
    expect(run.stderr).toBe('')
    return (JSON.parse(run.stdout) as { profiles: ProfileJson[] }).profiles
  }

  it('adds a profile whose keys come from the environment into the keychain, tests, uses and removes it', async () => {
    const simulator = await startSimulator({ keys: [simulatorTestKeys] })
    const dataDir = await tempDir()
    const env = { IMG_OPEN_DATA_DIR: dataDir }

    const add = await runImgOpen(['profile', 'add', 'Studio', '--base-url', simulator.url, '--use'], {
      ...env,
      ...apiEnv,
    })
    expect(add.stderr).toBe('')
    expect(add.stdout).toBe(`Added profile "Studio" (keys: in the OS keychain (id …${last4})).\n`)
    expect(add.code).toBe(0)
    const studio = (await listed(dataDir)).find((profile) => profile.name === 'Studio')
    expect(studio).toMatchObject({
      active: true,
      base_url: simulator.url,
      keys: { set: true, store: 'keychain' },
    })
    profileIds.push(studio?.id ?? '')

    // The keys now come from the keychain alone: no variable is set for this run.
    const test = await runImgOpen(['profile', 'test', 'Studio'], env)
    expect(test.stderr).toBe('')
    expect(test.stdout).toMatch(new RegExp(`^Profile "Studio" works: .+ answered with \\d+ models\\.\\n$`))
    expect(test.code).toBe(0)

    const text = await runImgOpen(['profile', 'list'], env)
    expect(text.stdout).toContain(`* Studio`)
    expect(text.stdout).toContain(`keys: in the OS keychain (id …${last4})`)

    const use = await runImgOpen(['profile', 'use', 'demo (offline simulator)'], env)
    expect(use.stdout).toBe('Profile "Demo (offline simulator)" is now the active one.\n')
    expect((await listed(dataDir)).find((profile) => profile.active)?.name).toBe('Demo (offline simulator)')

    const refused = await runImgOpen(['profile', 'remove', 'Studio'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('add --yes to confirm')
    const removed = await runImgOpen(['profile', 'remove', 'Studio', '--yes'], env)
    expect(removed.stdout).toBe(
      'Removed profile "Studio" and its keys. The active profile is "Demo (offline simulator)".\n',
    )
    expect(await keytar.getPassword(keychainServiceName, studio?.id ?? '')).toBeNull()
    expect((await listed(dataDir)).map((profile) => profile.name)).toEqual(['Demo (offline simulator)'])

    // Nothing the commands wrote holds the secret; only the id's last four are ever shown.
    for (const file of await filesUnder(dataDir))
      expect(file.bytes.includes(simulatorTestKeys.accessKeySecret), file.path).toBe(false)
  })

  it('refuses a key given as an argument, without echoing it or writing anything', async () => {
    const dataDir = await tempDir()
    const secret = `CANARY-${Date.now()}-argument`
    for (const args of [
      ['profile', 'add', 'Leaky', '--base-url', 'https://api.example.com', `--access-key-secret=${secret}`],
      ['profile', 'add', 'Leaky', '--base-url', 'https://api.example.com', '--api-key', secret],
      ['storage', 'set', '--bucket', 'bkt', `--secret-access-key=${secret}`],
    ]) {
      const run = await runImgOpen(args, { IMG_OPEN_DATA_DIR: dataDir })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^img-open: Keys are never taken from the command line \(--[a-z-]+\)/)
      expect(run.stderr + run.stdout).not.toContain(secret)
    }
    for (const file of await filesUnder(dataDir)) expect(file.bytes.includes(secret), file.path).toBe(false)
    expect((await listed(dataDir)).map((profile) => profile.name)).toEqual(['Demo (offline simulator)'])
  })

  it('says what to do when no keys can be given, and when the keychain cannot keep them', async () => {
    const dataDir = await tempDir()
    const env = { IMG_OPEN_DATA_DIR: dataDir }
    // Not a terminal and no variables: the profile is added, and the note says how to add keys.
    const bare = await runImgOpen(['profile', 'add', 'Bare', '--base-url', 'https://api.example.com'], env)
    expect(bare.code).toBe(0)
    expect(bare.stdout).toBe('Added profile "Bare" (keys: not set).\n')
    expect(bare.stderr).toContain('img-open profile keys "Bare"')

    // A server without a Secret Service: keys from the environment work per run, and are not saved.
    const headless = await runImgOpen(
      ['profile', 'add', 'Headless', '--base-url', 'https://api.example.com'],
      { ...env, ...apiEnv, ...withoutSessionBus },
    )
    expect(headless.code).toBe(0)
    expect(headless.stderr).toContain('the OS keychain is not available here, so the keys were not saved')
    const profiles = await listed(dataDir)
    profileIds.push(...profiles.map((profile) => profile.id))
    expect(profiles.find((profile) => profile.name === 'Headless')?.keys.set).toBe(false)
  })

  it('names the option of a bad value, in English and Chinese', async () => {
    const dataDir = await tempDir()
    const en = await runImgOpen(['profile', 'add', 'X', '--base-url', 'ftp://example.com'], {
      IMG_OPEN_DATA_DIR: dataDir,
    })
    expect(en.code).toBe(2)
    expect(en.stderr).toBe(
      'img-open: Bad value for --base-url: Use an http:// or https:// address without a query.\n',
    )
    const zh = await runImgOpen(['profile', 'use', 'Nowhere'], {
      IMG_OPEN_DATA_DIR: dataDir,
      LANG: 'zh_CN.UTF-8',
    })
    expect(zh.code).toBe(2)
    expect(zh.stderr).toContain('Nowhere')
    const zhRemove = await runImgOpen(['profile', 'remove', 'demo (offline simulator)'], {
      IMG_OPEN_DATA_DIR: dataDir,
      LANG: 'zh_CN.UTF-8',
    })
    expect(zhRemove.stderr).toContain('加上 --yes 确认')
  })
})
