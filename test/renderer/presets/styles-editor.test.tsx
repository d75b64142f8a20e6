import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { text2ImageLimits } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { PresetsScreen } from '../../../renderer/src/features/presets/PresetsScreen'
import { usePresetsStore } from '../../../renderer/src/features/presets/presets-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { createPresetsMain } from '../../support/presets-main'
import { useTempDirs } from '../../support/temp-dir'

const readBytes = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () =>
      reader.result instanceof ArrayBuffer ? resolve(reader.result) : reject(new Error('not bytes'))
    reader.onerror = () => reject(reader.error)
    reader.readAsArrayBuffer(blob)
  })

/** jsdom's File lacks `text()`, which every browser the app runs in has. */
function giveFilesText() {
  if (typeof File.prototype.text === 'function') return
  File.prototype.text = async function text(this: File) {
    return new TextDecoder().decode(await readBytes(this))
  }
}

// user-event types key by key in jsdom; on two busy cores a form test can take seconds.
describe('creating and editing prompt styles', { timeout: 20_000 }, () => {
  const tempDir = useTempDirs()
  beforeAll(giveFilesText)
  beforeEach(() => usePresetsStore.setState(usePresetsStore.getInitialState(), true))
  afterEach(() => vi.unstubAllGlobals())

  /** The library screen on the styles tab, against the real presets service (two starter styles). */
  async function renderStyles(language: 'en' | 'zh-CN' = 'en') {
    const main = createPresetsMain(await tempDir())
    const workbenchPrompts = () => ({ prompt: 'a lighthouse, (dusk:1.2)', negativePrompt: 'blurry' })
    render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <PresetsScreen onApplyStyle={() => undefined} workbenchPrompts={workbenchPrompts} />
        </ClientProvider>
      </I18nextProvider>,
    )
    const user = userEvent.setup({ delay: null })
    const stylesTab = language === 'en' ? 'Prompt styles' : '提示词风格'
    await user.click(await screen.findByRole('tab', { name: stylesTab }, { timeout: 5000 }))
    await screen.findByRole('listitem', { name: 'Cinematic' })
    const stored = async () =>
      (await main.presets.listStyles()).map(({ name, prompt, negativePrompt }) => ({
        name,
        prompt,
        negativePrompt,
      }))
    return { main, user, stored }
  }

  it('creates a style after showing what is wrong, saves with Enter and focuses the new row', async () => {
    const { user, stored } = await renderStyles()
    await user.click(screen.getByRole('button', { name: 'New style' }))
    const form = screen.getByRole('form', { name: 'New style' })
    expect(within(form).getByLabelText('Name')).toHaveFocus()

    await user.click(within(form).getByRole('button', { name: 'Save style' }))
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription('Required.')
    expect(within(form).getByRole('alert')).toHaveTextContent('Some fields need attention.')

    await user.type(within(form).getByLabelText('Name'), '#draft')
    await user.click(within(form).getByLabelText('Prompt'))
    await user.paste('x'.repeat(text2ImageLimits.promptMaxLength + 1))
    await user.click(within(form).getByRole('button', { name: 'Save style' }))
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription(
      'A style name cannot start with # (A1111 reads such rows as comments).',
    )
    expect(within(form).getByLabelText('Prompt')).toHaveAccessibleDescription(
      `At most ${text2ImageLimits.promptMaxLength} characters.`,
    )
    expect(within(form).getByLabelText('Name')).toHaveFocus()

    await user.clear(within(form).getByLabelText('Prompt'))
    await user.type(within(form).getByLabelText('Prompt'), 'film noir, {{prompt}')
    await user.type(within(form).getByLabelText('Negative prompt'), 'color')
    await user.clear(within(form).getByLabelText('Name'))
    await user.type(within(form).getByLabelText('Name'), 'Noir{Enter}')

    expect(await screen.findByText('Saved “Noir”.')).toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'New style' })).not.toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit Noir' })).toHaveFocus())
    expect(await stored()).toContainEqual({
      name: 'Noir',
      prompt: 'film noir, {prompt}',
      negativePrompt: 'color',
    })
  })

  it("saves the workbench's prompts as a new style, named by the user", async () => {
    const { user, stored } = await renderStyles()
    await user.click(screen.getByRole('button', { name: 'Save workbench prompt as style' }))
    const form = screen.getByRole('form', { name: 'New style' })
    expect(within(form).getByLabelText('Prompt')).toHaveValue('a lighthouse, (dusk:1.2)')
    expect(within(form).getByLabelText('Negative prompt')).toHaveValue('blurry')
    await user.type(within(form).getByLabelText('Name'), 'Lighthouse{Enter}')
    expect(await screen.findByText('Saved “Lighthouse”.')).toBeInTheDocument()
    expect(await stored()).toContainEqual({
      name: 'Lighthouse',
      prompt: 'a lighthouse, (dusk:1.2)',
      negativePrompt: 'blurry',
    })
  })

  it('edits and renames a style in its row, Shift+Enter starting a new line and Enter saving', async () => {
    const { main, user, stored } = await renderStyles()
    await user.click(screen.getByRole('button', { name: 'Edit Quality tags' }))
    const form = screen.getByRole('form', { name: 'Edit style' })
    expect(within(screen.getByRole('listitem', { name: 'Quality tags' })).getByRole('form')).toBe(form)
    expect(within(form).getByLabelText('Prompt')).toHaveValue('masterpiece, best quality, highres')

    await user.clear(within(form).getByLabelText('Name'))
    await user.type(within(form).getByLabelText('Name'), 'Quality')
    const negative = within(form).getByLabelText('Negative prompt')
    await user.clear(negative)
    await user.type(negative, 'lowres{Shift>}{Enter}{/Shift}jpeg artifacts')
    expect(negative).toHaveValue('lowres\njpeg artifacts')
    // Enter that confirms an input method's composition is not a save.
    fireEvent.keyDown(negative, { key: 'Enter', isComposing: true })
    expect(main.calls).not.toContain('presets.updateStyle')
    await user.type(negative, '{Enter}')

    expect(await screen.findByText('Saved “Quality”.')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit Quality' })).toHaveFocus())
    expect(screen.queryByRole('listitem', { name: 'Quality tags' })).not.toBeInTheDocument()
    const saved = await stored()
    expect(saved).toContainEqual({
      name: 'Quality',
      prompt: 'masterpiece, best quality, highres',
      negativePrompt: 'lowres\njpeg artifacts',
    })
    expect(saved.map((style) => style.name)).not.toContain('Quality tags')
  })

  it('shows a name another style has at the name field and keeps both styles as they were', async () => {
    const { main, user, stored } = await renderStyles()
    const before = await stored()
    await user.click(screen.getByRole('button', { name: 'Edit Quality tags' }))
    const form = screen.getByRole('form', { name: 'Edit style' })
    await user.clear(within(form).getByLabelText('Name'))
    await user.type(within(form).getByLabelText('Name'), 'Cinematic{Enter}')
    await waitFor(() =>
      expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription(
        'A style named “Cinematic” already exists.',
      ),
    )
    expect(within(form).getByLabelText('Name')).toHaveFocus()
    expect(main.calls).toContain('presets.updateStyle')
    expect(await stored()).toEqual(before)
  })

  it('cancels with Escape, saving nothing and giving focus back to the row or to New style', async () => {
    const { user, stored } = await renderStyles()
    const before = await stored()
    await user.click(screen.getByRole('button', { name: 'Edit Cinematic' }))
    await user.type(
      within(screen.getByRole('form', { name: 'Edit style' })).getByLabelText('Prompt'),
      ' more',
    )
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('form', { name: 'Edit style' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Edit Cinematic' })).toHaveFocus()

    await user.click(screen.getByRole('button', { name: 'New style' }))
    await user.type(screen.getByLabelText('Name'), 'Unsaved')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('form', { name: 'New style' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'New style' })).toHaveFocus()
    expect(await stored()).toEqual(before)
  })

  it('shows the style form and its messages in Chinese', async () => {
    const { user } = await renderStyles('zh-CN')
    await user.click(screen.getByRole('button', { name: '新建风格' }))
    const form = screen.getByRole('form', { name: '新建风格' })
    await user.click(within(form).getByRole('button', { name: '保存风格' }))
    expect(within(form).getByLabelText('名称')).toHaveAccessibleDescription('必填。')
    expect(within(form).getByRole('alert')).toHaveTextContent('有字段需要修改。')

    await user.type(within(form).getByLabelText('名称'), '#注释')
    await user.click(within(form).getByLabelText('反向提示词'))
    await user.paste('x'.repeat(text2ImageLimits.promptMaxLength + 1))
    await user.click(within(form).getByRole('button', { name: '保存风格' }))
    expect(within(form).getByLabelText('名称')).toHaveAccessibleDescription(
      '风格名称不能以 # 开头（A1111 会把这样的行当作注释）。',
    )
    expect(within(form).getByLabelText('反向提示词')).toHaveAccessibleDescription(
      `最多 ${text2ImageLimits.promptMaxLength} 个字符。`,
    )

    await user.clear(within(form).getByLabelText('反向提示词'))
    await user.clear(within(form).getByLabelText('名称'))
    await user.type(within(form).getByLabelText('名称'), 'Cinematic{Enter}')
    await waitFor(() =>
      expect(within(form).getByLabelText('名称')).toHaveAccessibleDescription('已有名为“Cinematic”的风格。'),
    )
    await user.clear(within(form).getByLabelText('名称'))
    await user.type(within(form).getByLabelText('名称'), '水墨{Enter}')
    expect(await screen.findByText('已保存“水墨”。')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('button', { name: '编辑 水墨' })).toHaveFocus())
  })

  it('exports the styles as an A1111 styles.csv download that imports back unchanged', async () => {
    const downloads: Blob[] = []
    const createObjectURL = vi.fn((blob: Blob) => {
      downloads.push(blob)
      return 'blob:styles-export'
    })
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    const { user, stored } = await renderStyles()
    const before = await stored()
    await user.click(screen.getByRole('button', { name: 'Export styles.csv' }))
    expect(await screen.findByText('Exported as styles.csv.')).toBeInTheDocument()
    const [blob] = downloads
    if (!blob) throw new Error('nothing was offered for download')
    expect(blob.type).toBe('text/csv')
    const bytes = new Uint8Array(await readBytes(blob))
    // A1111 writes styles.csv as UTF-8 with a BOM (Python's utf-8-sig).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toMatch(
      /^name,prompt,negative_prompt\r\nCinematic,"cinematic still/,
    )

    await user.upload(screen.getByLabelText('Import styles.csv'), new File([bytes], 'styles.csv'))
    expect(
      await screen.findByText('Styles imported: 0 added, 2 replaced, 0 rows skipped.'),
    ).toBeInTheDocument()
    expect(await stored()).toEqual(before)
  })
})
