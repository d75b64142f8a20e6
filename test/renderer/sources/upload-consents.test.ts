import { beforeEach, describe, expect, it } from 'vitest'
import type { StorageConfig } from '#contract'
import {
  createUploadConsentsStore,
  uploadConsentsStorageKey,
} from '../../../renderer/src/features/sources/upload-consents'
import { uploadGate } from '../../../renderer/src/features/sources/upload-gate'
import { workbenchStorageKey } from '../../../renderer/src/features/workbench/persistence'
import { createWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { demoProfile, profile, storage } from '../workbench/input-fixtures'

const newStore = () => createUploadConsentsStore(() => localStorage)

/** The gate for a local image on the Studio profile with `destination`, after the consents of `store`. */
const gateFor = (store: ReturnType<typeof newStore>, destination: StorageConfig) =>
  uploadGate(profile({ storage: destination }), store.getState().consents, 'local').kind

describe('upload consents', () => {
  beforeEach(() => localStorage.clear())

  it('cover the destination the dialog showed: endpoint, region, bucket and prefix', () => {
    const store = newStore()
    expect(gateFor(store, storage)).toBe('confirm')
    store.getState().consentTo('studio', storage)
    expect(gateFor(store, storage)).toBe('open')
    // Expiry and keeping are shown too, but they do not move the images anywhere else.
    expect(gateFor(store, { ...storage, urlExpirySeconds: 600, keepUploads: true })).toBe('open')
    for (const change of [
      { endpoint: 'https://oss-cn-shanghai.aliyuncs.com' },
      { endpoint: undefined },
      { region: 'cn-shanghai' },
      { bucket: 'other' },
      { prefix: '' },
    ] satisfies Partial<StorageConfig>[]) {
      expect(gateFor(store, { ...storage, ...change })).toBe('confirm')
    }
    expect(uploadGate(profile({ id: 'other' }), store.getState().consents, 'local').kind).toBe('confirm')
  })

  it('survive a restart, and drop what a hand edit left that is not a consent', () => {
    newStore().getState().consentTo('studio', storage)
    expect(gateFor(newStore(), storage)).toBe('open')

    const saved = JSON.parse(localStorage.getItem(uploadConsentsStorageKey) ?? '{}')
    saved.state.consents.push(7, 'x'.repeat(5000))
    localStorage.setItem(uploadConsentsStorageKey, JSON.stringify(saved))
    expect(newStore().getState().consents).toHaveLength(1)
  })

  it('do not carry over the per-bucket consents an earlier version kept with the workbench', () => {
    localStorage.setItem(
      workbenchStorageKey,
      JSON.stringify({ version: 2, state: { mode: 'image2image', uploadConsents: ['studio|my-inputs'] } }),
    )
    const workbench = createWorkbenchStore(() => localStorage).getState()
    expect(workbench.mode).toBe('image2image')
    expect(workbench).not.toHaveProperty('uploadConsents')
    expect(gateFor(newStore(), storage)).toBe('confirm')
  })

  it('are never asked for on the demo profile, whose simulator hosts uploads', () => {
    expect(uploadGate(demoProfile, [], 'local').kind).toBe('open')
  })
})
