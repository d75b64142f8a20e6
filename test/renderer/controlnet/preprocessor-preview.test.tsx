import { within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Language } from '../../../renderer/src/shared/i18n'
import { useTempDirs } from '../../support/temp-dir'
import { createSourceMain, Failure } from '../sources/source-main'
import { linkImage, renderPanel, unitRegion } from './panel-driver'

describe('the preprocessor preview', () => {
  const tempDir = useTempDirs()

  it('runs the CNT preview on the unit’s image and shows what it extracts beside it', async () => {
    const main = createSourceMain(await tempDir())
    const extracted = await main.putImage('canny-edges')
    let finish = () => undefined as void
    const gate = new Promise<void>((resolve) => (finish = resolve))
    main.override('tools.previewPreprocessor', async () => {
      await gate
      return { cacheKey: extracted, width: 32, height: 32 }
    })
    const { user } = await renderPanel(main)
    await linkImage(user, 1, 'https://cdn.example/pose.jpg')
    const unit = unitRegion(1)
    expect(
      within(unit).getByText(/it may count as a tool call, but it is not a generation/),
    ).toBeInTheDocument()

    await user.click(within(unit).getByRole('button', { name: 'Preview preprocessor' }))
    expect(within(unit).getByRole('button', { name: 'Previewing…' })).toBeDisabled()
    finish()
    const shown = await within(unit).findByRole('img', { name: 'What canny extracts' })
    expect(shown).toHaveAttribute('src', expect.stringMatching(/^data:image\/png;base64,/))
    expect(within(unit).getByText('32 × 32 px')).toBeInTheDocument()
    expect(main.inputsOf('tools.previewPreprocessor')).toEqual([
      { source: { type: 'url', url: 'https://cdn.example/pose.jpg' }, preprocessor: 'canny' },
    ])
    expect(main.inputsOf('images.get')).toEqual([{ cacheKey: extracted, size: 'full' }])

    // The preview belongs to this image and preprocessor: another preprocessor has none yet.
    await user.selectOptions(within(unit).getByRole('combobox', { name: 'Preprocessor' }), 'invert')
    expect(within(unit).queryByRole('img', { name: /extracts/ })).not.toBeInTheDocument()
    await user.selectOptions(within(unit).getByRole('combobox', { name: 'Preprocessor' }), 'canny')
    expect(within(unit).getByRole('img', { name: 'What canny extracts' })).toBeInTheDocument()
  })

  it('cannot preview "none", which extracts nothing', async () => {
    const { user } = await renderPanel(createSourceMain(await tempDir()))
    await linkImage(user, 1, 'https://cdn.example/edges.png')
    const unit = unitRegion(1)
    await user.selectOptions(
      within(unit).getByRole('combobox', { name: 'Preprocessor' }),
      'none (the image is already a control map)',
    )
    expect(within(unit).getByRole('button', { name: 'Preview preprocessor' })).toBeDisabled()
    expect(within(unit).getByText('Choose a preprocessor to preview what it extracts.')).toBeInTheDocument()
  })

  it.each<[Language, string, string]>([
    [
      'en',
      'Open Settings, pick this profile and set up Image storage',
      'The preview failed: The account has no credits or hit its rate limit.',
    ],
    ['zh-CN', '请打开“设置”，选择此配置文件并设置“图片存储”', '预览失败：账户额度不足或触发了频率限制。'],
  ])(
    'explains a failed preview, and where to set up storage for a local image (%s)',
    async (language, storageText, quotaText) => {
      const main = createSourceMain(await tempDir())
      main.override('tools.previewPreprocessor', () => {
        throw new Failure({ code: 'image_storage_needed', message: 'Set up storage.' })
      })
      const { user } = await renderPanel(main, { language })
      const unit = unitRegion(1)
      const fileInput = unit.querySelector('input[type=file]')
      if (!(fileInput instanceof HTMLInputElement)) throw new Error('no file input')
      main.override('images.import', () => ({
        cacheKey: 'c'.repeat(64),
        type: 'png',
        width: 8,
        height: 8,
        bytes: 9,
      }))
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
      await user.upload(fileInput, new File([png], 'local.png'))
      await within(unit).findByText(language === 'en' ? '8 × 8 px' : '8 × 8 像素')
      const run = within(unit).getByRole('button', {
        name: language === 'en' ? 'Preview preprocessor' : '预览预处理器',
      })

      await user.click(run)
      expect(await within(unit).findByRole('alert')).toHaveTextContent(storageText)

      main.override('tools.previewPreprocessor', () => {
        throw new Failure({ code: 'quota', message: 'No credits.' })
      })
      await user.click(run)
      expect(await within(unit).findByRole('alert')).toHaveTextContent(quotaText)
    },
  )
})
