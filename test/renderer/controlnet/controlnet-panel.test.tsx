import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { controlNetIssues } from '../../../renderer/src/features/controlnet'
import type { PickedImage } from '../../../renderer/src/features/sources'
import { useTempDirs } from '../../support/temp-dir'
import { createSourceMain } from '../sources/source-main'
import { linkImage, renderPanel, setNumber, unitRegion, unitRegions } from './panel-driver'

const urlOf = (image: PickedImage | null) => (image?.source.type === 'url' ? image.source.url : null)

describe('the ControlNet units panel', () => {
  const tempDir = useTempDirs()

  it('adds units up to the contract limit and keeps the last one', async () => {
    const { user, latest } = await renderPanel(createSourceMain(await tempDir()))
    expect(within(unitRegion(1)).getByRole('button', { name: 'Remove' })).toBeDisabled()
    for (let i = 0; i < 3; i += 1) await user.click(screen.getByRole('button', { name: 'Add unit' }))
    expect(unitRegions()).toHaveLength(4)
    expect(screen.getByRole('button', { name: 'Add unit' })).toBeDisabled()
    expect(screen.getByText('4 units is the most a request takes.')).toBeInTheDocument()
    expect(within(unitRegion(2)).getByRole('button', { name: 'Duplicate' })).toBeDisabled()
    expect(latest().units).toHaveLength(4)
    expect(latest().images).toEqual([null, null, null, null])
    expect(latest().units[3]).toMatchObject({
      enabled: true,
      control_type: 'canny',
      module: 'canny',
      weight: 1,
    })
  })

  it('moves, duplicates and removes units together with their control images', async () => {
    const { user, latest } = await renderPanel(createSourceMain(await tempDir()), { units: 3 })
    await linkImage(user, 1, 'https://a.example/1.png')
    await linkImage(user, 3, 'https://c.example/3.png')
    await user.selectOptions(within(unitRegion(3)).getByRole('combobox', { name: 'Control type' }), 'depth')

    await user.click(within(unitRegion(3)).getByRole('button', { name: 'Move up' }))
    expect(latest().units.map((unit) => unit.control_type)).toEqual(['canny', 'depth', 'canny'])
    expect(latest().images.map(urlOf)).toEqual(['https://a.example/1.png', 'https://c.example/3.png', null])
    expect(within(unitRegion(2)).getByText('c.example', { selector: '.src-name' })).toBeInTheDocument()

    await user.click(within(unitRegion(2)).getByRole('button', { name: 'Duplicate' }))
    expect(latest().units.map((unit) => unit.control_type)).toEqual(['canny', 'depth', 'depth', 'canny'])
    expect(latest().images.map(urlOf)).toEqual([
      'https://a.example/1.png',
      'https://c.example/3.png',
      'https://c.example/3.png',
      null,
    ])

    await user.click(within(unitRegion(1)).getByRole('button', { name: 'Remove' }))
    await user.click(within(unitRegion(1)).getByRole('button', { name: 'Move down' }))
    expect(latest().units.map((unit) => unit.control_type)).toEqual(['depth', 'depth', 'canny'])
    expect(latest().images.map(urlOf)).toEqual(['https://c.example/3.png', 'https://c.example/3.png', null])
    expect(within(unitRegion(1)).getByRole('button', { name: 'Move up' })).toBeDisabled()
    expect(within(unitRegion(3)).getByRole('button', { name: 'Move down' })).toBeDisabled()
  })

  it('puts an image that finishes importing on its unit even after the units moved', async () => {
    const main = createSourceMain(await tempDir())
    const { user, latest } = await renderPanel(main, { units: 2 })
    let finish = () => undefined as void
    const gate = new Promise<void>((resolve) => (finish = resolve))
    main.override('images.import', async () => {
      await gate
      return { cacheKey: 'b'.repeat(64), type: 'png', width: 64, height: 48, bytes: 10 }
    })
    const input = unitRegion(2).querySelector('input[type=file]')
    if (!(input instanceof HTMLInputElement)) throw new Error('no file input')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
    await user.upload(input, new File([png], 'pose.png'))
    await within(unitRegion(2)).findByText('Preparing pose.png…')
    await user.selectOptions(
      within(unitRegion(2)).getByRole('combobox', { name: 'Control type' }),
      'OpenPose',
    )
    await user.click(within(unitRegion(2)).getByRole('button', { name: 'Move up' }))
    finish()
    expect(await within(unitRegion(1)).findByText('64 × 48 px')).toBeInTheDocument()
    expect(latest().units.map((unit) => unit.control_type)).toEqual(['OpenPose', 'canny'])
    expect(latest().images.map((image) => image?.label ?? null)).toEqual(['pose.png', null])
  })

  it('offers the control type’s preprocessors, their thresholds, and any typed name', async () => {
    const { user, latest } = await renderPanel(createSourceMain(await tempDir()))
    const unit = unitRegion(1)
    expect(within(unit).getByRole('spinbutton', { name: 'Low threshold' })).toHaveValue(100)
    expect(within(unit).getByRole('spinbutton', { name: 'High threshold' })).toHaveValue(200)
    await setNumber(user, within(unit).getByRole('spinbutton', { name: 'High threshold' }), '180')
    expect(latest().units[0]).toMatchObject({ threshold_a: -1, threshold_b: 180 })

    await user.selectOptions(within(unit).getByRole('combobox', { name: 'Control type' }), 'OpenPose')
    const preprocessor = within(unit).getByRole('combobox', { name: 'Preprocessor' })
    const offered = within(preprocessor)
      .getAllByRole('option')
      .map((option) => option.getAttribute('value'))
    expect(offered).toEqual(
      expect.arrayContaining(['openpose', 'openpose_hand', 'openpose_full', 'dw_openpose_full', 'none']),
    )
    expect(offered).not.toContain('canny')
    expect(latest().units[0]).toMatchObject({
      control_type: 'OpenPose',
      module: 'openpose',
      model: 'None',
      threshold_b: -1,
    })
    expect(within(unit).queryByRole('spinbutton', { name: 'Low threshold' })).not.toBeInTheDocument()

    await user.selectOptions(preprocessor, 'Other…')
    const custom = within(unit).getByRole('textbox', { name: 'Preprocessor name' })
    await user.clear(custom)
    await user.type(custom, 'densepose')
    expect(latest().units[0]?.module).toBe('densepose')
    await user.type(
      within(unit).getByRole('combobox', { name: 'Model' }),
      '{Control>}a{/Control}control_v11p_sd15_openpose',
    )
    expect(latest().units[0]?.model).toBe('control_v11p_sd15_openpose')
  })

  it('refuses to let guidance start pass guidance end silently', async () => {
    const { user, latest } = await renderPanel(createSourceMain(await tempDir()))
    const unit = unitRegion(1)
    const start = within(unit).getByRole('spinbutton', { name: 'Guidance start' })
    const end = within(unit).getByRole('spinbutton', { name: 'Guidance end' })
    await setNumber(user, end, '0.4')
    await setNumber(user, start, '0.6')
    expect(within(unit).getByRole('alert')).toHaveTextContent(
      'Guidance start (0.6) is after guidance end (0.4). Set start no later than end',
    )
    expect(start).toHaveAttribute('aria-invalid', 'true')
    expect(end).toHaveAttribute('aria-invalid', 'true')
    expect(controlNetIssues(latest().units, latest().images, null)[0]).toContain('guidance_order')

    await setNumber(user, end, '0.9')
    expect(within(unit).queryByRole('alert')).not.toBeInTheDocument()
    expect(latest().units[0]).toMatchObject({ guidance_start: 0.6, guidance_end: 0.9 })
  })

  it('sends modes as numbers and hides the resolution under pixel perfect', async () => {
    const { user, latest } = await renderPanel(createSourceMain(await tempDir()))
    const unit = unitRegion(1)
    await user.selectOptions(
      within(unit).getByRole('combobox', { name: 'Control mode' }),
      'ControlNet is more important',
    )
    await user.selectOptions(within(unit).getByRole('combobox', { name: 'Resize mode' }), 'Resize and fill')
    expect(latest().units[0]).toMatchObject({ control_mode: 2, resize_mode: 2 })
    expect(within(unit).getByRole('spinbutton', { name: 'Preprocessor resolution' })).toHaveValue(512)
    await user.click(within(unit).getByRole('checkbox', { name: 'Pixel perfect' }))
    expect(
      within(unit).queryByRole('spinbutton', { name: 'Preprocessor resolution' }),
    ).not.toBeInTheDocument()
    await user.click(within(unit).getByRole('checkbox', { name: 'Enabled' }))
    expect(latest().units[0]).toMatchObject({ pixel_perfect: true, enabled: false })
  })

  it('says an empty control image falls back to the base image, or that one is needed', async () => {
    const base: PickedImage = {
      source: { type: 'url', url: 'https://base.example/b.png' },
      previewUrl: null,
      width: null,
      height: null,
      label: 'base.example',
      needsUpload: false,
    }
    const main = createSourceMain(await tempDir())
    const withBase = await renderPanel(main, { baseImage: base })
    expect(
      within(unitRegion(1)).getByText('No image of its own: this unit uses the base image (base.example).'),
    ).toBeInTheDocument()
    expect(controlNetIssues(withBase.latest().units, withBase.latest().images, base)).toEqual([[]])
    withBase.view.unmount()

    const without = await renderPanel(main)
    expect(
      within(unitRegion(1)).getByText('Choose a control image, or set a base image for all units.'),
    ).toBeInTheDocument()
    expect(within(unitRegion(1)).getByRole('button', { name: 'Preview preprocessor' })).toBeDisabled()
    expect(controlNetIssues(without.latest().units, without.latest().images, null)).toEqual([['needs_image']])
  })
})
