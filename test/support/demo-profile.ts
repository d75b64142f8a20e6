import type { Profile } from '#contract'

/** The built-in demo profile as main lists it on a fresh data folder: active, keyless, no storage. */
export const demoProfile: Profile = {
  id: 'demo',
  kind: 'demo',
  name: 'Demo (offline simulator)',
  baseUrl: null,
  allowInsecureHttp: false,
  defaultCheckpoint: null,
  defaultVae: null,
  createdAt: 0,
  lastUsedAt: null,
  active: true,
  keys: { required: false, set: false, store: null, keyIdLast4: null, problem: null },
  storage: null,
  storageKeys: { required: false, set: false, store: null, keyIdLast4: null, problem: null },
}
