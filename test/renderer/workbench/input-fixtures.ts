import type { Profile, Result, StorageConfig } from '#contract'
import type { PickedImage } from '../../../renderer/src/features/sources'

/** A 1×1 PNG: enough for a preview and for reading a size from its header. */
const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='

export const dataUrl = `data:image/png;base64,${onePixelPng}`

export const cacheKey = (digit: string) => digit.repeat(64)

/** A file the user picked: already in main's image cache, uploaded when a task needs it. */
export const localImage = (patch: Partial<PickedImage> = {}): PickedImage => ({
  source: { type: 'cached', cacheKey: cacheKey('a') },
  previewUrl: null,
  width: 640,
  height: 480,
  label: 'cat.png',
  needsUpload: true,
  ...patch,
})

/** An earlier result: the service fetches it by its own link, nothing is uploaded. */
export const resultImage = (patch: Partial<PickedImage> = {}): PickedImage => ({
  source: { type: 'result', taskId: 'iow-earlier', index: 0 },
  previewUrl: null,
  width: 512,
  height: 512,
  label: 'Task iow-earlier image 1',
  needsUpload: false,
  ...patch,
})

const noKeys = { required: false, set: false, store: null, keyIdLast4: null, problem: null } as const

export const storage: StorageConfig = {
  endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
  region: 'cn-hangzhou',
  bucket: 'my-inputs',
  prefix: 'img-open-workbench/',
  forcePathStyle: false,
  urlExpirySeconds: 1800,
  keepUploads: false,
}

export const profile = (patch: Partial<Profile> = {}): Profile => ({
  id: 'studio',
  kind: 'remote',
  name: 'Studio',
  baseUrl: 'https://api.zhiqite.com',
  allowInsecureHttp: false,
  defaultCheckpoint: null,
  defaultVae: null,
  createdAt: 0,
  lastUsedAt: null,
  active: true,
  keys: { ...noKeys, required: true, set: true, store: 'keychain', keyIdLast4: 'ab12' },
  storage,
  storageKeys: { ...noKeys, required: true, set: true, store: 'keychain', keyIdLast4: 'cd34' },
  ...patch,
})

export const demoProfile = profile({ id: 'demo', kind: 'demo', name: 'Demo', baseUrl: null, storage: null })

/** `profiles.list` answering one active profile. */
export const profilesAnswer = (active: Profile): Result<unknown> => ({
  ok: true,
  value: { profiles: [active], activeProfileId: active.id },
})

/** `images.import` answering that main cached the bytes under `key`, a PNG of that size. */
export const importedAnswer = (
  key: string,
  width: number,
  height: number,
  bytes: number,
): Result<unknown> => ({
  ok: true,
  value: { cacheKey: key, type: 'png', width, height, bytes },
})

export const submitted = (taskId: string): Result<unknown> => ({ ok: true, value: { taskId } })
