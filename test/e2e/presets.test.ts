import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../main/services/create-services'
import { startBrowserBridge } from '../../main/transport/browser-bridge'
import { useAppInBrowser } from '../support/app-in-browser'
import { builtRendererDir } from '../support/browser-edition'

async function openPresets(page: Page, url: string) {
  await page.goto(url)
  await page.getByRole('button', { name: 'Presets' }).click()
  await page.getByRole('list', { name: 'Checkpoints presets' }).waitFor()
}

describe('the preset library in Chromium', () => {
  const browserApp = useAppInBrowser()

  it('keeps a preset edited offline across a restart of the app', async () => {
    const dataDir = await browserApp.tempDir()
    const first = await createServices({ dataDir, edition: 'test', version: '0.0.0-test' })
    const firstBridge = await startBrowserBridge({
      dispatch: first.dispatch,
      events: first.events,
      logger: first.logger,
      rendererDir: builtRendererDir,
    })
    const page = await browserApp.newPage()
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

    const { bridge: second } = await browserApp.start({ dataDir })
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

    // A prompt style renamed from the keyboard: Enter saves and focus is back on its row.
    await page.getByRole('tab', { name: 'Prompt styles' }).click()
    await page.getByRole('button', { name: 'Edit Cinematic' }).click()
    await page.getByRole('form', { name: 'Edit style' }).getByLabel('Name').fill('Cinematic film')
    await page.keyboard.press('Enter')
    await page.getByText('Saved “Cinematic film”.').waitFor()
    await expect
      .poll(() =>
        page
          .getByRole('button', { name: 'Edit Cinematic film' })
          .evaluate((button) => button === document.activeElement),
      )
      .toBe(true)
  })
})
