import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { KeysStatus, Profile, TaskRecord } from '#contract'
import { createKeytarSecretStore } from '../../../main/services/credentials/keytar-secret-store'
import { createSessionSecretStore, type SecretStore } from '../../../main/services/credentials/secret-store'
import { createServices, type Services } from '../../../main/services/create-services'
import { createLogger, createSecretRedactor, type MemoryLogger } from '../../../main/services/logger'
import { startSimulator, type Simulator } from '../../../main/simulator/simulator'
import { s3rverKeyId, useS3Server, type S3Server } from '../../support/s3-server'
import { useTempDirs } from '../../support/temp-dir'
import {
  historyTexts,
  leaksInFiles,
  leaksInTexts,
  listFiles,
  makeCanaries,
  recordTraffic,
  type Canaries,
} from './leak-kit'

const params = (prompt: string, checkpoint = 'photon_v1_84728.safetensors') => ({
  prompt,
  steps: 6,
  width: 256,
  height: 256,
  alwayson_scripts: { sd_model_checkpoint: checkpoint },
})
const fastTracking = { firstIntervalMs: 50, slowAfterMs: 1_000, maxIntervalMs: 200 }

type Traffic = ReturnType<typeof recordTraffic>

async function settled(services: Services, taskId: string): Promise<TaskRecord | null> {
  await expect
    .poll(() => services.history.get(taskId)?.status, { timeout: 20_000, interval: 50 })
    .toMatch(/^(succeeded|failed)$/)
  return services.history.get(taskId)
}

async function submit(
  traffic: Traffic,
  services: Services,
  profileId: string,
  prompt: string,
  model?: string,
) {
  const { taskId } = await traffic.call<{ taskId: string }>('tasks.submit', {
    kind: 'text2image',
    profileId,
    params: params(prompt, model),
  })
  return { taskId, record: await settled(services, taskId) }
}

/** Wrong keys refused, right keys accepted: the profile's connection set up as a user would. */
async function connectProfile(traffic: Traffic, simulator: Simulator, canaries: Canaries) {
  const profile = await traffic.call<Profile>('profiles.create', {
    name: 'Leak check',
    baseUrl: simulator.url,
  })
  const keys = { profileId: profile.id, accessKeyId: canaries.accessKeyId }
  await traffic.call('credentials.set', { ...keys, accessKeySecret: canaries.wrongSecret })
  expect(await traffic.dispatch('profiles.testConnection', { id: profile.id })).toMatchObject({
    ok: false,
    error: { code: 'auth' },
  })
  // Refused by the schema (a control character): the answer must not echo what it refused.
  const refused = await traffic.dispatch('credentials.set', {
    ...keys,
    accessKeySecret: `${canaries.accessKeySecret}\u0001`,
  })
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } })
  const stored = await traffic.call<KeysStatus>('credentials.set', {
    ...keys,
    accessKeySecret: canaries.accessKeySecret,
  })
  await traffic.call('profiles.testConnection', { id: profile.id })
  await traffic.call('profiles.setActive', { id: profile.id })
  return { profile, stored }
}

/** Successes, failures (refused, failed half-way, unknown model) and a retry, then the other reads. */
async function runTasks(traffic: Traffic, services: Services, simulator: Simulator, profileId: string) {
  const ok = await submit(traffic, services, profileId, 'a lighthouse at dusk')
  expect(ok.record?.status).toBe('succeeded')

  simulator.setFaults({ quotaExceeded: { remaining: 1, paths: ['text2image'] } })
  const refused = await submit(traffic, services, profileId, 'a harbour in fog')
  expect(refused.record).toMatchObject({ status: 'failed', error: { code: 'quota' } })
  simulator.setFaults({})
  await traffic.call('tasks.retry', { taskId: refused.taskId })
  expect((await settled(services, refused.taskId))?.status).toBe('succeeded')

  simulator.setFaults({ taskFailure: { remaining: 1 } })
  const halfway = await submit(traffic, services, profileId, 'a storm over the sea')
  expect(halfway.record?.status).toBe('failed')
  simulator.setFaults({})
  const unknownModel = await submit(
    traffic,
    services,
    profileId,
    'a quiet street',
    'no-such-model.safetensors',
  )
  expect(unknownModel.record?.status).toBe('failed')

  await traffic.call('tasks.previewRequest', { kind: 'text2image', profileId, params: params('a red fox') })
  await traffic.call('tasks.active', {})
  await traffic.call('history.lookupArchived', { taskId: ok.taskId, profileId })
  await traffic.call('history.list', {})
  await traffic.call('history.get', { id: halfway.taskId })
  await traffic.call('history.infotext', { id: ok.taskId })
  await traffic.call('presets.sync', { profileId })
  const presets = await traffic.call<{ text: string }>('presets.export', {})
  expect(presets.text.length).toBeGreaterThan(100)
  return ok.taskId
}

/**
 * The profile's image storage set up as a user would (a wrong secret first, refused on its
 * signature), tested, and used the way a task uses it: a local image uploaded, fetched by its link,
 * and deleted.
 */
async function useImageStorage(
  traffic: Traffic,
  services: Services,
  server: S3Server,
  profileId: string,
  canaries: Canaries,
) {
  const storage = { endpoint: server.endpoint, bucket: server.bucket, forcePathStyle: true }
  await traffic.call('profiles.setStorage', { id: profileId, storage })
  const keys = { profileId, accessKeyId: s3rverKeyId }
  await traffic.call('credentials.setStorageKeys', { ...keys, secretAccessKey: canaries.wrongStorageSecret })
  expect(await traffic.dispatch('profiles.testStorage', { id: profileId })).toMatchObject({
    ok: false,
    error: { code: 'image_storage_auth', details: { reason: 'SignatureDoesNotMatch' } },
  })
  const status = await traffic.call<KeysStatus>('credentials.setStorageKeys', {
    ...keys,
    secretAccessKey: canaries.storageSecret,
  })
  expect(status).toMatchObject({ set: true, keyIdLast4: 'RVER' })
  await traffic.call('profiles.testStorage', { id: profileId })
  // A local image through an img2img task: uploaded, fetched by the simulator, deleted at the end.
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a6ea5' } })
    .png()
    .toBuffer()
  const { cacheKey } = await traffic.call<{ cacheKey: string }>('images.import', {
    base64: png.toString('base64'),
  })
  const { taskId } = await traffic.call<{ taskId: string }>('tasks.submit', {
    kind: 'image2image',
    profileId,
    params: params('a lighthouse, repainted'),
    source: { type: 'cached', cacheKey },
  })
  expect((await settled(services, taskId))?.status).toBe('succeeded')
  expect(services.history.get(taskId)?.inputs?.[0]).toMatchObject({
    origin: 'upload',
    url: expect.stringMatching(`^${server.endpoint}/${server.bucket}/`),
  })
  await expect
    .poll(() => services.history.get(taskId)?.inputs?.[0]?.storageObject, { timeout: 10_000, interval: 50 })
    .toBeNull()
  await traffic.call('history.get', { id: taskId })
  await traffic.call('profiles.list', {})
}

/**
 * Every history export, taken after the storage was used so that the task with an uploaded input
 * is in it: its presigned link leaves only as the object's plain address.
 */
async function exportHistory(traffic: Traffic, server: S3Server) {
  const jsonl = await traffic.call<{ content: string; count: number }>('history.export', { format: 'jsonl' })
  const csv = await traffic.call<{ content: string }>('history.export', { format: 'csv' })
  expect(jsonl.count).toBe(5)
  expect(csv.content).toContain('a harbour in fog')
  for (const content of [jsonl.content, csv.content]) {
    expect(content).toContain('a lighthouse, repainted')
    expect(content).not.toMatch(/X-Amz-(Signature|Credential)/i)
  }
  expect(jsonl.content).toContain(`${server.endpoint}/${server.bucket}/img-open-workbench/`)
}

/** A keychain that fails as keytar does on a machine without a session bus. */
function keychainWithoutBus(logger: MemoryLogger): SecretStore {
  const noBus = () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))
  return createKeytarSecretStore({
    logger,
    service: `img-open-workbench-test-${randomUUID()}`,
    load: async () => ({ getPassword: noBus, setPassword: noBus, deletePassword: noBus }),
  })
}

describe('secrets never leave the credentials store (SECURITY.md #1–#3), API and storage keys alike', () => {
  const tempDir = useTempDirs()
  const s3Server = useS3Server()
  const cleanups: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function fullRun(keychain: { store?: SecretStore; service?: string; extraLogger?: MemoryLogger }) {
    const canaries = makeCanaries()
    const simulator = await startSimulator({
      keys: [{ accessKeyId: canaries.accessKeyId, accessKeySecret: canaries.accessKeySecret }],
      timing: { queueMs: 10, msPerStep: 5 },
    })
    cleanups.push(() => simulator.close())
    const dataDir = await tempDir()
    const services = await createServices({
      dataDir,
      edition: 'test',
      version: '0.0.0-test',
      trackerLimits: fastTracking,
      keychain: keychain.store,
      keychainService: keychain.service,
    })
    cleanups.push(() => services.close())
    const traffic = recordTraffic(services)
    const { profile, stored } = await connectProfile(traffic, simulator, canaries)
    if (keychain.store === undefined && keychain.service !== undefined) {
      // The real keychain: its entry goes even when an assertion stops the run before the delete.
      const entries = createKeytarSecretStore({ logger: services.logger, service: keychain.service })
      cleanups.push(() => entries.delete(profile.id).catch(() => false))
    }
    await runTasks(traffic, services, simulator, profile.id)
    // It checks signatures, so the wrong storage secret is refused as S3 refuses it.
    const server = await s3Server('bkt', { checkSignatures: canaries.storageSecret })
    await useImageStorage(traffic, services, server, profile.id, canaries)
    await exportHistory(traffic, server)
    const status = await traffic.call<KeysStatus>('credentials.status', { profileId: profile.id })
    // SECURITY.md #3: what comes back is whether keys are set, where, and the key id's last four.
    for (const answer of [stored, status]) {
      expect(Object.keys(answer).sort()).toEqual(['keyIdLast4', 'problem', 'required', 'set', 'store'])
      expect(answer).toMatchObject({ set: true, keyIdLast4: canaries.accessKeyId.slice(-4) })
    }
    expect(status.store).toBe(stored.store)

    const logLines = () => [...services.logger.lines, ...(keychain.extraLogger?.lines ?? [])]
    // While the services run: the history's write-ahead log is on disk now, not after close.
    const filesWhileOpen = await listFiles(dataDir)
    const leaksWhileOpen = await leaksInFiles(dataDir, canaries)
    await traffic.call('profiles.delete', { id: profile.id })
    traffic.stop()
    await services.close()

    expect(traffic.answers.length).toBeGreaterThan(20)
    expect(traffic.events.length).toBeGreaterThan(10)
    expect(leaksInTexts(traffic.answers, canaries)).toEqual([])
    expect(leaksInTexts(traffic.events, canaries)).toEqual([])
    expect(leaksInTexts(logLines(), canaries)).toEqual([])
    expect(filesWhileOpen).toEqual(
      expect.arrayContaining(['settings.json', 'history.db', 'history.db-wal', 'logs/main.log']),
    )
    expect(filesWhileOpen.some((file) => file.startsWith('images/') && file.endsWith('.png'))).toBe(true)
    expect(leaksWhileOpen).toEqual([])
    expect(await leaksInFiles(dataDir, canaries)).toEqual([])
    // Records are stored deflated: the raw scan above cannot see inside one, the decoded one can.
    const records = historyTexts(join(dataDir, 'history.db'))
    expect(records.join('\n')).toContain('a harbour in fog')
    expect(leaksInTexts(records, canaries)).toEqual([])
    return { status, profile }
  }

  it('holds for a full run with the keys in the keychain', { timeout: 90_000 }, async () => {
    // Under `npm test` this is the real (throwaway) Secret Service; elsewhere a session store.
    const real = process.env.DBUS_SESSION_BUS_ADDRESS !== undefined
    const service = `img-open-workbench-test-${randomUUID()}`
    const store = real ? undefined : createSessionSecretStore()
    const { status, profile } = await fullRun({ store, service })
    expect(status.store).toBe('keychain')
    if (!real) return
    // Deleting the profile took its keychain entry with it: nothing is left behind.
    const logger = createLogger({ redactor: createSecretRedactor() })
    expect(await createKeytarSecretStore({ logger, service }).get(profile.id)).toBeNull()
  })

  it(
    'holds for a full run without a keychain, where the keys live for the session only',
    { timeout: 90_000 },
    async () => {
      const logger = createLogger({ redactor: createSecretRedactor() })
      const { status } = await fullRun({ store: keychainWithoutBus(logger), extraLogger: logger })
      expect(status.store).toBe('session')
    },
  )
})
