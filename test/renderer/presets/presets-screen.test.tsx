import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CheckpointPreset, PromptStyle } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { PresetsScreen } from '../../../renderer/src/features/presets/PresetsScreen'
import { usePresetsStore } from '../../../renderer/src/features/presets/presets-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { useTempDirs } from '../../support/temp-dir'
import { createPresetsMain } from '../../support/presets-main'

const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** jsdom's File lacks `text()`, which every browser the app runs in has. */
function giveFilesText() {
  if (typeof File.prototype.text === 'function') return
  File.prototype.text = function text(this: File) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.onerror = () => reject(reader.error)
      reader.readAsText(this)
    })
  }
}

// user-event types key by key in jsdom; on two busy cores a form test can take seconds.
describe('the preset library screen', { timeout: 20_000 }, () => {
  const tempDir = useTempDirs()
  beforeAll(giveFilesText)
  beforeEach(() => usePresetsStore.setState(usePresetsStore.getInitialState(), true))

  async function renderScreen(language: 'en' | 'zh-CN' = 'en') {
    const main = createPresetsMain(await tempDir())
    const onApplyCheckpoint = vi.fn<(preset: CheckpointPreset) => void>()
    const onApplyStyle = vi.fn<(style: PromptStyle) => void>()
    render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <PresetsScreen onApplyCheckpoint={onApplyCheckpoint} onApplyStyle={onApplyStyle} />
        </ClientProvider>
      </I18nextProvider>,
    )
    return { main, onApplyCheckpoint, onApplyStyle, user: userEvent.setup({ delay: null }) }
  }

  const presetList = () => screen.getByRole('list', { name: /presets$/ })
  const shownNames = () =>
    within(presetList())
      .getAllByRole('listitem')
      .map((item) => item.getAttribute('aria-label'))

  it('lists the starter checkpoints and applies one through the prop', async () => {
    const { onApplyCheckpoint, user } = await renderScreen()
    // The first render also seeds the library from the starter file.
    await user.click(
      await screen.findByRole('button', { name: 'Apply ReV Animated v1.2.2' }, { timeout: 5000 }),
    )
    expect(onApplyCheckpoint).toHaveBeenCalledWith(
      expect.objectContaining({ fileName: 'revAnimated_v122_7371.safetensors', settings: expect.anything() }),
    )
    expect(screen.getByRole('tab', { name: /Checkpoints/ })).toHaveAttribute('aria-selected', 'true')
  })

  it('creates a checkpoint preset through the form, after showing what is wrong', async () => {
    const { main, user } = await renderScreen()
    await screen.findByRole('list', { name: /presets$/ })
    await user.click(screen.getByRole('button', { name: 'New preset' }))
    const form = screen.getByRole('form', { name: 'New preset' })
    await user.type(within(form).getByLabelText('Display name'), 'Anything V5')
    await user.type(within(form).getByLabelText('Width'), '513')
    await user.click(within(form).getByRole('button', { name: 'Save preset' }))
    expect(within(form).getByLabelText('File name')).toHaveAccessibleDescription(/Required\./)
    expect(within(form).getByLabelText('Width')).toHaveAccessibleDescription('Must be a multiple of 8.')

    await user.type(within(form).getByLabelText('File name'), 'anything-v5.safetensors')
    await user.clear(within(form).getByLabelText('Width'))
    await user.type(within(form).getByLabelText('Width'), '512')
    await user.type(within(form).getByLabelText('Tags'), 'anime, Anime, 2D')
    await user.click(within(form).getByRole('button', { name: 'Save preset' }))

    expect(await screen.findByText('Saved “Anything V5”.')).toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'New preset' })).not.toBeInTheDocument()
    expect(shownNames()).toContain('Anything V5')
    const stored = await main.presets.list({ text: 'anything', offset: 0, limit: 10 })
    expect(stored.items[0]).toMatchObject({
      kind: 'checkpoint',
      fileName: 'anything-v5.safetensors',
      tags: ['anime', '2D'],
      settings: { width: 512 },
    })
  })

  it('adds a small thumbnail to a preset and refuses one too large', async () => {
    const { main, user } = await renderScreen()
    await user.click(await screen.findByRole('tab', { name: /VAEs/ }))
    await user.click(await screen.findByRole('button', { name: 'Edit SDXL VAE' }))
    const form = screen.getByRole('form', { name: 'Edit preset' })
    const huge = new File([new Uint8Array(200_000)], 'huge.png', { type: 'image/png' })
    await user.upload(within(form).getByLabelText('Thumbnail'), huge)
    expect(await within(form).findByText(/small enough for a thumbnail/)).toBeInTheDocument()
    const png = Uint8Array.from(atob(onePixelPng), (char) => char.charCodeAt(0))
    await user.upload(
      within(form).getByLabelText('Thumbnail'),
      new File([png], 'dot.png', { type: 'image/png' }),
    )
    expect(await within(form).findByRole('img', { name: 'Thumbnail preview' })).toBeInTheDocument()
    await user.click(within(form).getByRole('button', { name: 'Save preset' }))
    await screen.findByText('Saved “SDXL VAE”.')
    const [vae] = (await main.presets.list({ text: 'sdxl_vae', offset: 0, limit: 1 })).items
    expect(vae?.thumbnail).toBe(`data:image/png;base64,${onePixelPng}`)
  })

  it('shows validation messages in Chinese', async () => {
    const { user } = await renderScreen('zh-CN')
    await screen.findByRole('list', { name: /预设$/ })
    await user.click(screen.getByRole('button', { name: '新建预设' }))
    const form = screen.getByRole('form', { name: '新建预设' })
    await user.click(within(form).getByRole('button', { name: '保存预设' }))
    expect(within(form).getByLabelText('显示名称')).toHaveAccessibleDescription('必填。')
    expect(within(form).getByRole('alert')).toHaveTextContent('有字段需要修改。')
  })

  it('filters by words, base model and favourites', async () => {
    const { user } = await renderScreen()
    await screen.findByRole('list', { name: /presets$/ })
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'photo realistic')
    await waitFor(() =>
      expect(shownNames()).toEqual(['Juggernaut XL v9', 'majicMIX realistic v7', 'Photon v1']),
    )
    await user.selectOptions(screen.getByRole('combobox', { name: 'Base model' }), 'SDXL')
    await waitFor(() => expect(shownNames()).toEqual(['Juggernaut XL v9']))

    await user.clear(screen.getByRole('searchbox', { name: 'Search' }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Base model' }), 'All base models')
    await user.click(await screen.findByRole('button', { name: 'Favourite: DreamShaper 8' }))
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Favourite: DreamShaper 8' })).toHaveAttribute(
        'aria-pressed',
        'true',
      ),
    )
    await user.click(screen.getByRole('checkbox', { name: 'Favourites only' }))
    await waitFor(() => expect(shownNames()).toEqual(['DreamShaper 8']))
  })

  it('deletes a preset and brings it back with Undo', async () => {
    const { user } = await renderScreen()
    await user.click(await screen.findByRole('tab', { name: /Embeddings/ }))
    await user.click(await screen.findByRole('button', { name: 'Delete EasyNegative' }))
    await waitFor(() => expect(shownNames()).not.toContain('EasyNegative'))
    const status = screen.getByText('Deleted “EasyNegative”.').closest('[role="status"]')
    if (!(status instanceof HTMLElement)) throw new Error('no undo bar')
    await user.click(within(status).getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(shownNames()).toContain('EasyNegative'))
    expect(screen.queryByText('Deleted “EasyNegative”.')).not.toBeInTheDocument()
  })

  it('imports styles.csv and applies a style through the prop', async () => {
    const { onApplyStyle, user } = await renderScreen()
    await user.click(await screen.findByRole('tab', { name: 'Prompt styles' }))
    const csv = 'name,prompt,negative_prompt\nNoir,"film noir, {prompt}","color, ""bright"""\n'
    await user.upload(
      screen.getByLabelText('Import styles.csv'),
      new File([csv], 'styles.csv', { type: 'text/csv' }),
    )
    expect(await screen.findByText(/Styles imported: 1 added/)).toBeInTheDocument()
    await user.click(await screen.findByRole('button', { name: 'Apply Noir' }))
    expect(onApplyStyle).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'Noir',
        prompt: 'film noir, {prompt}',
        negativePrompt: 'color, "bright"',
      }),
    )
  })

  it('rejects a bad library file naming the entry and field, and keeps the library', async () => {
    const { main, user } = await renderScreen()
    await screen.findByRole('list', { name: /presets$/ })
    const before = (await main.presets.list({ offset: 0, limit: 500 })).total
    const bad = JSON.stringify({
      format: 'img-open-workbench/presets',
      version: 1,
      presets: [{ kind: 'lora', displayName: 'x', fileName: 'x', lora: { defaultWeight: 9 } }],
    })
    await user.upload(
      screen.getByLabelText('Import library'),
      new File([bad], 'lib.json', { type: 'application/json' }),
    )
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The file was not imported: presets[0] has an invalid “lora.defaultWeight”.',
    )
    expect((await main.presets.list({ offset: 0, limit: 500 })).total).toBe(before)
  })
})
