import { randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../main/simulator/simulator'
import { useAppInBrowser } from '../support/app-in-browser'

/** Everything the page keeps that a secret could hide in: DOM, input values, web storage, IndexedDB. */
async function pageStorageDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dumpStorage = (storage: Storage) =>
      Array.from({ length: storage.length }, (_, i) => {
        const key = storage.key(i) ?? ''
        return `${key}=${storage.getItem(key) ?? ''}`
      }).join('\n')
    const inputs = Array.from(document.querySelectorAll('input, textarea')).map(
      (element) => (element as HTMLInputElement).value,
    )
    const databases = await indexedDB.databases()
    const idb: string[] = []
    for (const { name } of databases) {
      if (!name) continue
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      for (const storeName of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll()
          request.onsuccess = () => resolve(request.result as unknown[])
        })
        idb.push(JSON.stringify(rows))
      }
      db.close()
    }
    return [
      document.documentElement.outerHTML,
      inputs.join('\n'),
      dumpStorage(localStorage),
      dumpStorage(sessionStorage),
      idb.join('\n'),
    ].join('\n')
  })
}

/** Generous: two cores, Chromium and the simulator share them. */
const patience = { timeout: 15_000 }

describe('settings in Chromium', () => {
  const browserApp = useAppInBrowser()
  let simulator: Simulator | undefined
  afterEach(async () => {
    await simulator?.close()
    simulator = undefined
  })

  it('adds a profile, tests it against the simulator, makes it active, and the secret never reaches the page', async () => {
    const canary = `CANARY-${randomUUID()}`
    const keyId = 'openapi-e2etest00000a1b2'
    simulator = await startSimulator({ keys: [{ accessKeyId: keyId, accessKeySecret: canary }] })
    const dataDir = await browserApp.tempDir()
    const { app, bridge } = await browserApp.start({
      dataDir,
      keychainService: `img-open-workbench-e2e-${randomUUID()}`,
    })
    const page = await browserApp.newPage()
    const framesToPage: string[] = []
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => framesToPage.push(String(payload))),
    )
    await page.goto(bridge.url)

    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('button', { name: 'Add profile' }).click()
    const form = page.getByRole('form', { name: 'New profile' })
    await form.getByLabel('Name').fill('Simulator')
    await form.getByLabel('Base URL').fill(simulator.url)
    await form.getByRole('button', { name: 'Create profile' }).click()

    const keys = page.getByRole('form', { name: 'Access keys' })
    await keys.getByLabel('Access key ID').fill(keyId)
    await keys.getByLabel('Access key secret').fill(canary)
    await keys.getByRole('button', { name: 'Save keys' }).click()
    await expect.poll(() => keys.getByTestId('keys-status').textContent(), patience).toMatch(/key id …a1b2/)
    // Under `npm test` the keys go to the real (throwaway) keychain; without one, to this session.
    const keychain = await app.dispatch('credentials.checkKeychain', {}, { transport: 'in-process' })
    const ready = keychain.ok && (keychain.value as { state: string }).state === 'ready'
    expect(await keys.getByTestId('keys-status').textContent()).toMatch(
      ready ? /^Stored in the system keychain/ : /^Kept for this session only/,
    )
    expect(await keys.getByLabel('Access key secret').inputValue()).toBe('')

    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect
      .poll(() => page.getByTestId('test-result').textContent(), patience)
      .toMatch(/^Connected: \d+ models found\.$/)

    await page.getByRole('button', { name: 'Use this profile' }).click()
    await expect.poll(() => page.getByText('This is the active profile.').count(), patience).toBe(1)
    const listed = await app.dispatch('profiles.list', {}, { transport: 'in-process' })
    expect(listed.ok && (listed.value as { activeProfileId: string }).activeProfileId).not.toBe('demo')
    expect(await page.locator('[data-active="true"]').textContent()).toContain('Simulator')

    // SECURITY.md #1: nothing main sent, nothing the page holds, carries the secret.
    expect(framesToPage.length).toBeGreaterThan(5)
    for (const frame of framesToPage) expect(frame).not.toContain(canary)
    expect(await pageStorageDump(page)).not.toContain(canary)
    await page.reload()
    await page.getByRole('button', { name: 'Settings' }).click()
    await expect.poll(() => page.getByText('Simulator').count(), patience).toBeGreaterThan(0)
    expect(await pageStorageDump(page)).not.toContain(canary)

    // SECURITY.md #2 for this flow: no file in the data folder, no log line.
    const files = (await readdir(dataDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
    expect(files.map((e) => e.name)).toContain('settings.json')
    for (const file of files)
      expect(await readFile(join(file.parentPath, file.name), 'utf8')).not.toContain(canary)
    expect(app.logger.lines.join('\n')).not.toContain(canary)

    const created = listed.ok ? (listed.value as { activeProfileId: string }).activeProfileId : ''
    await app.dispatch('profiles.delete', { id: created }, { transport: 'in-process' })
  })
})
