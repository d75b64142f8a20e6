import { describe, expect, it } from 'vitest'

/*
 * keytar is optional so that `npm install` works without libsecret, but the product's keychain
 * depends on it: in CI (and under `npm test`) it must have built and reach the real Secret Service.
 */
describe('keytar', () => {
  it('is built on this machine and round-trips a secret through the system keychain', async () => {
    const keytar = await import('keytar')
    const service = `img-open-workbench-test-${process.pid}`
    await keytar.setPassword(service, 'probe', 'probe-value')
    expect(await keytar.getPassword(service, 'probe')).toBe('probe-value')
    expect(await keytar.deletePassword(service, 'probe')).toBe(true)
    expect(await keytar.getPassword(service, 'probe')).toBeNull()
  })
})
