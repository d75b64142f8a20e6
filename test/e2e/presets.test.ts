import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices } from '../../main/services/create-services'
import { startBrowserBridge } from '../../main/transport/browser-bridge'
import { builtRendererDir, useBrowserBridge } from '../support/browser-edition'
import { launchChromium, type ChromiumSession } from '../support/chromium'
import { useServices } from '../support/services'
import { useTempDirs } from '../support/temp-dir'

async function openPresets(page: Page, url: string) {
  await page.goto(url)
  await page.getByRole('button', { name: 'Presets' }).click()
  await page.getByRole('list', { name: 'Checkpoints presets' }).waitFor()
}

describe('the preset library in Chromium', () => {
  const tempDir = useTempDirs()
  const services = useServices()
  const startBridge = useBrowserBridge()
  let chromium: ChromiumSession | undefined
  afterEach(async () => {
    await chromium?.close()
    chromium = undefined
  })

  it('keeps a preset edited offline across a restart of the app', async () => {
    const dataDir = await tempDir()
    const first = await createServices({ dataDir, edition: 'test', version: '0.0.0-test' })
    const firstBridge = await startBrowserBridge({
      dispatch: first.dispatch,
      events: first.events,
      logger: first.logger,
      rendererDir: builtRendererDir,
    })
    chromium = await launchChromium()
    const page = await chromium.context.newPage()
    await openPresets(page, firstBridge.url)

    await page.getByRole('button', { name: 'Edit Photon v1' }).click()
    const form = page.getByRole('form', { name: 'Edit preset' })
    await form.getByLabel('Display name').fill('Photon (studio)')
    await form.getByLabel('Steps').fill('32')
    await form.getByRole('button', { name: 'Save preset' }).click()
    await page.getByText('Saved “Photon (studio)”.').waitFor()
    await page.getByRole('button', { name: 'Favourite: Photon (studio)' }).click()
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Favourite: Photon (studio)' }).getAttribute('aria-pressed'),
      )
      .toBe('true')

    await firstBridge.close()
    await first.close()
    const stored = JSON.parse(await readFile(join(dataDir, 'presets.json'), 'utf8'))
    expect(JSON.stringify(stored)).toContain('Photon (studio)')

    const second = await startBridge(await services({ dataDir }))
    await openPresets(page, second.url)
    const item = page.getByRole('listitem', { name: 'Photon (studio)' })
    await item.waitFor()
    // Favourites come first.
    expect(
      await page
        .getByRole('list', { name: 'Checkpoints presets' })
        .getByRole('listitem')
        .first()
        .getAttribute('aria-label'),
    ).toBe('Photon (studio)')
    expect(await page.getByRole('listitem', { name: 'Photon v1' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Edit Photon (studio)' }).click()
    expect(await page.getByRole('form', { name: 'Edit preset' }).getByLabel('Steps').inputValue()).toBe('32')
  })
})
