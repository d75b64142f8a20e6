import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { controlNetSettingsSchema, image2ImageSettingsSchema, text2ImageParamsSchema } from '#contract'
import { defaultControlNetUnit } from '../../../renderer/src/features/workbench/mode-drafts'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { demoProfile, localImage, profilesAnswer, resultImage, submitted } from './input-fixtures'
import { renderWorkbench, ui, validDraft } from './workbench-driver'

const slowUi = { timeout: 20_000 }

const keysOf = (value: unknown) => Object.keys(value as object).sort()
/** Every field a mode's schema fills in for a draft that sets nothing optional. */
const minimal = { prompt: 'x', alwayson_scripts: { sd_model_checkpoint: 'y' } }
const expectedKeys = {
  text2image: keysOf(text2ImageParamsSchema.parse(minimal)),
  image2image: keysOf(image2ImageSettingsSchema.parse(minimal)),
  controlnet: keysOf(
    controlNetSettingsSchema.parse({
      ...minimal,
      alwayson_scripts: { ...minimal.alwayson_scripts, controlnet: { args: [{}] } },
    }),
  ),
}

const submitInput = (calls: readonly { method: string; input: unknown }[]) => {
  const call = calls.find((item) => item.method === 'tasks.submit')
  return call?.input as Record<string, unknown> & { params: Record<string, unknown> }
}

describe('workbench modes', slowUi, () => {
  it('switches mode by tab and Alt+digit and keeps the draft, each mode with its own denoising', async () => {
    const { user, draft } = await renderWorkbench({ draft: validDraft })
    await ui.setNumber(user, 'Steps', 40)
    await user.click(screen.getByRole('tab', { name: 'Image to image' }))
    expect(screen.getByRole('tab', { name: 'Image to image' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveTextContent('a lighthouse at dusk')
    expect(ui.number('Steps')).toHaveValue(40)
    expect(ui.number('Denoising strength')).toHaveValue(0.75)
    await ui.setNumber(user, 'Denoising strength', 0.6)

    await user.keyboard('{Alt>}3{/Alt}')
    expect(screen.getByRole('tab', { name: 'Inpaint' })).toHaveAttribute('aria-selected', 'true')
    expect(await screen.findByRole('group', { name: 'Inpaint' })).toBeInTheDocument()
    await user.keyboard('{Alt>}1{/Alt}')
    expect(screen.getByRole('tab', { name: 'Text to image' })).toHaveAttribute('aria-selected', 'true')
    expect(draft()).toMatchObject({
      steps: 40,
      denoising_strength: 0.55,
      img2img: { denoising_strength: 0.6 },
    })
  })

  it('moves between tabs with the arrow keys', async () => {
    const { user } = await renderWorkbench()
    await user.click(screen.getByRole('tab', { name: 'Text to image' }))
    await user.keyboard('{ArrowLeft}')
    expect(screen.getByRole('tab', { name: 'ControlNet' })).toHaveFocus()
    expect(screen.getByRole('tab', { name: 'ControlNet' })).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{Home}')
    expect(screen.getByRole('tab', { name: 'Text to image' })).toHaveAttribute('aria-selected', 'true')
  })

  it('names the tabs and the missing source in Simplified Chinese', async () => {
    await renderWorkbench({ language: 'zh-CN', draft: validDraft, state: { mode: 'image2image' } })
    expect(screen.getByRole('tab', { name: '图生图' })).toHaveAttribute('aria-selected', 'true')
    expect(ui.button('生成')).toHaveAccessibleDescription('请选择原图')
  })
})

describe('what each mode sends', slowUi, () => {
  const answers = { 'tasks.submit': submitted('iow-1'), 'profiles.list': profilesAnswer(demoProfile) }

  it('text2image sends its own fields only, whatever the image modes hold', async () => {
    const { user, calls } = await renderWorkbench({ draft: validDraft, answers })
    act(() => useWorkbenchStore.getState().setImageSetting('resize_mode', 2))
    await user.click(ui.button('Generate'))
    await screen.findByText('Task iow-1 submitted.')
    const input = submitInput(calls)
    expect(keysOf(input)).toEqual(['kind', 'params'])
    expect(input.kind).toBe('text2image')
    expect(keysOf(input.params)).toEqual(expectedKeys.text2image)
    expect(input.params.denoising_strength).toBe(0.55)
  })

  it('img2img sends the source, its options and the img2img fields, without links', async () => {
    const source = resultImage()
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      answers,
      state: { mode: 'image2image', source },
    })
    await user.click(ui.button('Generate'))
    await screen.findByText('Task iow-1 submitted.')
    const input = submitInput(calls)
    expect(keysOf(input)).toEqual(['kind', 'options', 'params', 'profileId', 'source'])
    expect(input).toMatchObject({
      kind: 'image2image',
      source: source.source,
      options: { allowResize: false, keepUploads: false },
    })
    expect(keysOf(input.params)).toEqual(expectedKeys.image2image)
    expect(input.params).toMatchObject({ denoising_strength: 0.75, resize_mode: 0, mask_blur_x: 4 })
    expect(input.params).not.toHaveProperty('mask_blur')
    expect(input.params.alwayson_scripts).toEqual(validDraft.alwayson_scripts)
    expect(calls.map((call) => call.method)).toEqual(['tasks.submit'])
  })

  it('ControlNet sends its enabled units with their control images, index for index', async () => {
    const units = [
      { ...defaultControlNetUnit, module: 'canny' },
      { ...defaultControlNetUnit, module: 'depth_midas', enabled: false },
      { ...defaultControlNetUnit, module: 'openpose_full', weight: 0.8 },
    ]
    const base = resultImage()
    const pose = resultImage({ source: { type: 'url', url: 'https://images.example.com/pose.png' } })
    const { user, calls } = await renderWorkbench({ draft: validDraft, answers })
    act(() => {
      const store = useWorkbenchStore.getState()
      store.setControlNetResizeMode(1)
      store.setControlNet({ units, images: [null, null, pose] })
      useWorkbenchStore.setState({ mode: 'controlnet', source: base })
    })
    await user.click(ui.button('Generate'))
    await screen.findByText('Task iow-1 submitted.')
    const input = submitInput(calls)
    expect(keysOf(input)).toEqual([
      'controlImages',
      'endpoint',
      'kind',
      'options',
      'params',
      'profileId',
      'source',
    ])
    expect(input.endpoint).toBe('controlnet-v2')
    expect(input.controlImages).toEqual([null, pose.source])
    expect(input.source).toEqual(base.source)
    expect(keysOf(input.params)).toEqual(expectedKeys.controlnet)
    expect(input.params.resize_mode).toBe(1)
    const args = (input.params.alwayson_scripts as { controlnet: { args: { module: string }[] } }).controlnet
      .args
    expect(args.map((unit) => unit.module)).toEqual(['canny', 'openpose_full'])
  })

  it('shows "copy as curl" for the current mode from the same request', async () => {
    const source = resultImage()
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      answers: { 'tasks.previewRequest': { ok: true, value: { curl: 'curl …image2image', body: {} } } },
      state: { mode: 'image2image', source },
    })
    await user.click(ui.button('Copy as curl'))
    const dialog = await screen.findByRole('dialog', { name: 'Request as curl' })
    expect(await within(dialog).findByText('curl …image2image')).toBeInTheDocument()
    expect(calls[0]).toEqual({
      method: 'tasks.previewRequest',
      input: expect.objectContaining({ kind: 'image2image', source: source.source }),
    })
  })
})

describe('missing inputs', slowUi, () => {
  it('says a source image is missing in img2img and a mask in inpaint', async () => {
    const { calls, user } = await renderWorkbench({ draft: validDraft, state: { mode: 'image2image' } })
    expect(ui.button('Generate')).toBeDisabled()
    expect(ui.button('Generate')).toHaveAccessibleDescription('Choose a source image')
    expect(screen.getByText('Choose a source image', { selector: 'p' })).toBeInTheDocument()
    await user.click(screen.getByRole('tab', { name: 'Inpaint' }))
    act(() =>
      useWorkbenchStore
        .getState()
        .setSource(localImage({ source: { type: 'url', url: 'https://x.example/a.png' } })),
    )
    await waitFor(() =>
      expect(ui.button('Generate')).toHaveAccessibleDescription(
        'A mask cannot be painted on a pasted link: use a file, a pasted image or an earlier result',
      ),
    )
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(calls).toEqual([])
  })

  it('says which ControlNet unit needs a control image when there is no base image', async () => {
    await renderWorkbench({ draft: validDraft, state: { mode: 'controlnet' } })
    expect(ui.button('Generate')).toHaveAccessibleDescription(
      'ControlNet unit 1 needs a control image, or set a base image',
    )
  })
})

describe('input options', slowUi, () => {
  it('offers resizing and retries with it after image_too_large', async () => {
    let attempt = 0
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: resultImage() },
      answers: {
        'profiles.list': profilesAnswer(demoProfile),
        'tasks.submit': () =>
          ++attempt === 1
            ? { ok: false, error: { code: 'image_too_large', message: 'too large' } }
            : { ok: true, value: { taskId: 'iow-2' } },
      },
    })
    await user.click(ui.button('Generate'))
    expect(await screen.findByRole('alert')).toHaveTextContent('larger than the service accepts')
    await user.click(ui.button('Allow resizing and retry'))
    await screen.findByText('Task iow-2 submitted.')
    expect(screen.getByRole('checkbox', { name: /Allow resizing/ })).toBeChecked()
    const submits = calls.filter((call) => call.method === 'tasks.submit')
    expect(submits.map((call) => (call.input as { options: unknown }).options)).toEqual([
      { allowResize: false, keepUploads: false },
      { allowResize: true, keepUploads: false },
    ])
  })
})
