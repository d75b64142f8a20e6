import { screen, within } from '@testing-library/react'
import type userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Profile } from '#contract'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { useUploadConsents } from '../../../renderer/src/features/sources'
import type { Language } from '../../../renderer/src/shared/i18n'
import { useTempDirs } from '../../support/temp-dir'
import { createSourceMain, Failure, type SourceMain } from '../sources/source-main'
import { profile, storage } from '../workbench/input-fixtures'
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

const localCacheKey = 'c'.repeat(64)

/** Unit 1 given a local file as its control image, through the file input as a user does. */
async function pickLocalImage(main: SourceMain, user: ReturnType<typeof userEvent.setup>, unit: HTMLElement) {
  main.override('images.import', () => ({
    cacheKey: localCacheKey,
    type: 'png',
    width: 8,
    height: 8,
    bytes: 9,
  }))
  const fileInput = unit.querySelector('input[type=file]')
  if (!(fileInput instanceof HTMLInputElement)) throw new Error('no file input')
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
  await user.upload(fileInput, new File([png], 'local.png'))
  await within(unit).findByText(/^8 × 8/)
}

describe('the preprocessor preview of a local image', () => {
  const tempDir = useTempDirs()
  beforeEach(() => {
    useUploadConsents.setState(useUploadConsents.getInitialState(), true)
    useUiStore.setState(useUiStore.getInitialState(), true)
  })

  /** The panel on `active`, with a preview tool that answers at once; unit 1 holds a local image. */
  async function setup(active: Profile, language: Language = 'en') {
    const main = createSourceMain(await tempDir())
    main.override('profiles.list', () => ({ profiles: [active], activeProfileId: active.id }))
    const extracted = await main.putImage('canny-edges')
    main.override('tools.previewPreprocessor', () => ({ cacheKey: extracted, width: 32, height: 32 }))
    const { user } = await renderPanel(main, { language })
    const unit = unitRegion(1)
    await pickLocalImage(main, user, unit)
    return { main, user, unit }
  }

  it('asks where the image goes before uploading it, and sends nothing when declined', async () => {
    const { main, user, unit } = await setup(profile())
    const run = within(unit).getByRole('button', { name: 'Preview preprocessor' })
    await user.click(run)
    let dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
    expect(dialog).toHaveAccessibleDescription(/preprocessor preview uses an image from this computer/)
    for (const text of ['my-inputs', 'img-open-workbench/', 'After the preview', 'Deleted from the bucket']) {
      expect(within(dialog).getByText(text)).toBeInTheDocument()
    }
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(main.inputsOf('tools.previewPreprocessor')).toEqual([])
    expect(run).toBeEnabled()

    await user.click(run)
    dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
    await user.click(within(dialog).getByRole('button', { name: 'Upload and preview' }))
    await within(unit).findByRole('img', { name: 'What canny extracts' })
    expect(main.inputsOf('tools.previewPreprocessor')).toEqual([
      { source: { type: 'cached', cacheKey: localCacheKey }, preprocessor: 'canny' },
    ])

    // The destination is remembered (Generate shares it): another preprocessor goes straight out.
    await user.selectOptions(within(unit).getByRole('combobox', { name: 'Preprocessor' }), 'invert')
    await user.click(run)
    await within(unit).findByRole('img', { name: 'What invert extracts' })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    // Storage moved elsewhere: asked again before anything goes there.
    main.override('profiles.list', () => ({
      profiles: [profile({ storage: { ...storage, prefix: 'elsewhere/' } })],
      activeProfileId: 'studio',
    }))
    await user.selectOptions(within(unit).getByRole('combobox', { name: 'Preprocessor' }), 'canny')
    await user.selectOptions(within(unit).getByRole('combobox', { name: 'Preprocessor' }), 'invert')
    await user.click(run)
    dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
    expect(within(dialog).getByText('elsewhere/')).toBeInTheDocument()
    expect(main.inputsOf('tools.previewPreprocessor')).toHaveLength(2)
  })

  it.each<[Language, string, string, string]>([
    ['en', 'Local images need your own storage', 'Open Settings', 'Dismiss'],
    ['zh-CN', '本地图片需要你自己的存储', '打开设置', '关闭'],
  ])(
    'shows the storage-needed notice on a profile without storage, uploading nothing (%s)',
    async (language, title, openSettings, dismiss) => {
      const { main, user, unit } = await setup(profile({ storage: null }), language)
      await user.click(
        within(unit).getByRole('button', {
          name: language === 'en' ? 'Preview preprocessor' : '预览预处理器',
        }),
      )
      // The control image's slot said it already; the preview says it again, and why nothing went out.
      const notice = (await within(unit).findByText(title)).closest<HTMLElement>('[role=alert]')
      if (!notice) throw new Error(`"${title}" is not in an alert`)
      expect(within(unit).getAllByRole('alert')).toHaveLength(2)
      expect(main.inputsOf('tools.previewPreprocessor')).toEqual([])
      await user.click(within(notice).getByRole('button', { name: openSettings }))
      expect(useUiStore.getState().view).toBe('settings')
      await user.click(within(notice).getByRole('button', { name: dismiss }))
      expect(notice).not.toBeInTheDocument()
    },
  )
})
