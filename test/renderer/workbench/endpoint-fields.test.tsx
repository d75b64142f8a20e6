import { act, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Result } from '#contract'
import { defaultAdetailerUnit, type ParamsDraft } from '../../../renderer/src/features/workbench/draft'
import type { WorkbenchMode } from '../../../renderer/src/features/workbench/modes'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { demoProfile, profilesAnswer, resultImage } from './input-fixtures'
import { renderWorkbench, ui, type RecordedCall } from './workbench-driver'

const slowUi = { timeout: 20_000 }

const adetailer = { args: [{ ...defaultAdetailerUnit, ad_model: 'face_yolov8n.pt' }] }
const callbackUrl = 'https://hooks.example.com/done'
/** A draft that sets every field some endpoint does not send. */
const fullDraft: Partial<ParamsDraft> = {
  prompt: 'a lighthouse at dusk',
  enable_hr: true,
  hr_upscaler: 'R-ESRGAN 4x+',
  callbackUrl,
  alwayson_scripts: { sd_model_checkpoint: 'v1-5-pruned-emaonly.safetensors', ADetailer: adetailer },
}

/** Answers every submit with a new task id, so each one shows its own confirmation. */
function submitAnswers() {
  let count = 0
  return {
    'profiles.list': profilesAnswer(demoProfile),
    'tasks.submit': (): Result<unknown> => ({ ok: true, value: { taskId: `iow-${++count}` } }),
  }
}

type Rendered = Awaited<ReturnType<typeof renderWorkbench>>

/** Clicks Generate and answers the params of the submit it made. */
async function generate({ user, calls }: Pick<Rendered, 'user' | 'calls'>) {
  const before = submitsIn(calls).length
  await user.click(ui.button('Generate'))
  await screen.findByText(`Task iow-${before + 1} submitted.`)
  const input = submitsIn(calls).at(-1) as { params: Record<string, unknown> & { alwayson_scripts: object } }
  return input.params
}
const submitsIn = (calls: readonly RecordedCall[]) =>
  calls.filter((call) => call.method === 'tasks.submit').map((call) => call.input)

const tab = (name: string) => screen.getByRole('tab', { name })
const callbackBox = (name = 'Callback URL') => screen.getByRole('textbox', { name })
const upscaler = () => screen.getByRole('combobox', { name: 'Upscaler' })
const notSent = (endpoint: string) =>
  `Not sent in this mode: ${endpoint} has no such field. The value is kept for the modes that send it.`

async function renderIn(mode: WorkbenchMode, options: { language?: 'en' | 'zh-CN' } = {}) {
  return renderWorkbench({
    ...options,
    draft: fullDraft,
    answers: submitAnswers(),
    state: { mode, source: resultImage() },
  })
}

describe('fields an endpoint does not send', slowUi, () => {
  it('turns the callback URL off in img2img and inpaint, says why, and sends it again in text2image', async () => {
    const rendered = await renderIn('text2image')
    const { user } = rendered
    expect(callbackBox()).toBeEnabled()

    await user.click(tab('Image to image'))
    expect(callbackBox()).toBeDisabled()
    expect(callbackBox()).toHaveValue(callbackUrl)
    expect(callbackBox()).toHaveAccessibleDescription(notSent('img2img v2'))
    expect(upscaler()).toBeEnabled()
    const sent = await generate(rendered)
    expect(sent).not.toHaveProperty('callbackUrl')
    expect(sent).toMatchObject({ hr_upscaler: 'R-ESRGAN 4x+', alwayson_scripts: { ADetailer: adetailer } })

    await user.click(tab('Inpaint'))
    expect(callbackBox()).toBeDisabled()
    expect(callbackBox()).toHaveAccessibleDescription(notSent('img2img v2'))

    await user.click(tab('Text to image'))
    expect(callbackBox()).toBeEnabled()
    expect(callbackBox()).toHaveAccessibleDescription(
      'Optional. The service posts the result to this address.',
    )
    expect(await generate(rendered)).toMatchObject({ callbackUrl })
  })

  it('turns the upscaler, ADetailer and callback URL off for ControlNet v2 and back on for v3', async () => {
    const rendered = await renderIn('controlnet')
    const { user } = rendered
    expect(upscaler()).toBeDisabled()
    expect(upscaler()).toHaveValue('R-ESRGAN 4x+')
    expect(upscaler()).toHaveAccessibleDescription(notSent('ControlNet v2'))
    expect(callbackBox()).toBeDisabled()
    const adetailerToggle = ui.button(/ADetailer/)
    expect(adetailerToggle).toHaveTextContent('Not sent in this mode')
    await user.click(adetailerToggle)
    expect(
      screen.getByText(
        'Not sent in this mode: ControlNet v2 has no ADetailer field, so no ADetailer runs. Your units are kept for the modes that send them.',
      ),
    ).toBeInTheDocument()
    expect(screen.queryByRole('checkbox', { name: 'Enable ADetailer' })).not.toBeInTheDocument()
    const v2 = await generate(rendered)
    expect(v2).not.toHaveProperty('callbackUrl')
    expect(v2).not.toHaveProperty('hr_upscaler')
    expect(v2.alwayson_scripts).not.toHaveProperty('ADetailer')

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Endpoint' }),
      'Text to image v3 — under development',
    )
    expect(upscaler()).toBeEnabled()
    expect(callbackBox()).toBeEnabled()
    expect(screen.getByRole('checkbox', { name: 'Enable ADetailer' })).toBeChecked()
    expect(adetailerToggle).toHaveTextContent('Units on: 1')
    expect(await generate(rendered)).toMatchObject({
      callbackUrl,
      hr_upscaler: 'R-ESRGAN 4x+',
      alwayson_scripts: { ADetailer: adetailer },
    })
  })

  it('keeps the draft’s values while they are off, so switching back restores them', async () => {
    const { user, draft } = await renderIn('controlnet')
    await user.click(tab('Image to image'))
    await user.click(tab('Text to image'))
    expect(draft()).toMatchObject({
      callbackUrl,
      hr_upscaler: 'R-ESRGAN 4x+',
      alwayson_scripts: { ADetailer: adetailer },
    })
    expect(callbackBox()).toHaveValue(callbackUrl)
    expect(upscaler()).toHaveValue('R-ESRGAN 4x+')
  })

  it('does not let a bad callback URL, unsent in img2img, block generating there', async () => {
    const { user } = await renderWorkbench({
      draft: { ...fullDraft, callbackUrl: 'ftp://hooks.example.com' },
      state: { mode: 'text2image', source: resultImage() },
    })
    expect(ui.button('Generate')).toBeDisabled()
    await user.click(tab('Image to image'))
    expect(ui.button('Generate')).toBeEnabled()
  })

  it('says why in Chinese', async () => {
    await renderIn('controlnet', { language: 'zh-CN' })
    expect(callbackBox('回调地址')).toHaveAccessibleDescription(
      '此模式不发送：ControlNet v2 没有这个字段。该值会保留给发送它的模式。',
    )
    expect(ui.button(/ADetailer/)).toHaveTextContent('此模式不发送')
    act(() => useWorkbenchStore.getState().setMode('image2image'))
    expect(callbackBox('回调地址')).toHaveAccessibleDescription(
      '此模式不发送：图生图 v2 没有这个字段。该值会保留给发送它的模式。',
    )
  })
})

describe('fields an endpoint takes as whole numbers', slowUi, () => {
  const fractional = { ...fullDraft, hr_scale: 1.5, cfg_scale: 7.5, width: 512, height: 512 }
  const hiresScale = () => ui.number('Upscale by')
  const cfgScale = () => ui.number('CFG scale')

  it('steps hires scale and CFG by whole numbers in img2img and shows the sent value and size', async () => {
    const { user } = await renderWorkbench({ draft: fractional, state: { mode: 'text2image' } })
    expect(hiresScale()).toHaveAttribute('step', '0.05')
    expect(cfgScale()).toHaveAttribute('step', '0.5')
    expect(screen.getByText('Final size: 768 × 768')).toBeInTheDocument()

    await user.click(tab('Image to image'))
    expect(hiresScale()).toHaveAttribute('step', '1')
    expect(screen.getByRole('slider', { name: 'Upscale by' })).toHaveAttribute('step', '1')
    expect(hiresScale()).toHaveAccessibleDescription('Whole numbers on img2img v2: 1.5 is sent as 2.')
    expect(screen.getByText('Final size: 1024 × 1024')).toBeInTheDocument()
    expect(cfgScale()).toHaveAttribute('step', '1')
    expect(cfgScale()).toHaveAccessibleDescription('Whole numbers on img2img v2: 7.5 is sent as 8.')

    await ui.setNumber(user, 'Upscale by', 3)
    expect(hiresScale()).toHaveAccessibleDescription('Whole numbers on img2img v2.')
    expect(screen.getByText('Final size: 1536 × 1536')).toBeInTheDocument()
  })

  it('asks for the values sent, so the history records what the service got', async () => {
    const rendered = await renderWorkbench({
      draft: fractional,
      answers: submitAnswers(),
      state: { mode: 'text2image', source: resultImage() },
    })
    expect(await generate(rendered)).toMatchObject({ hr_scale: 1.5, cfg_scale: 7.5 })
    await rendered.user.click(tab('Image to image'))
    expect(await generate(rendered)).toMatchObject({ hr_scale: 2, cfg_scale: 8 })
    expect(useWorkbenchStore.getState().draft).toMatchObject({ hr_scale: 1.5, cfg_scale: 7.5 })
  })

  it('rounds only the hires scale for ControlNet v2, and neither for v3', async () => {
    const { user } = await renderWorkbench({ draft: fractional, state: { mode: 'controlnet' } })
    expect(hiresScale()).toHaveAttribute('step', '1')
    expect(hiresScale()).toHaveAccessibleDescription('Whole numbers on ControlNet v2: 1.5 is sent as 2.')
    expect(screen.getByText('Final size: 1024 × 1024')).toBeInTheDocument()
    expect(cfgScale()).toHaveAttribute('step', '0.5')
    expect(cfgScale()).not.toHaveAccessibleDescription()

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Endpoint' }),
      'Text to image v3 — under development',
    )
    expect(hiresScale()).toHaveAttribute('step', '0.05')
    expect(hiresScale()).not.toHaveAccessibleDescription()
    expect(screen.getByText('Final size: 768 × 768')).toBeInTheDocument()
  })

  it('says it in Chinese', async () => {
    await renderWorkbench({ language: 'zh-CN', draft: fractional, state: { mode: 'inpaint' } })
    expect(ui.number('放大倍数')).toHaveAccessibleDescription('图生图 v2 只接受整数：1.5 将按 2 发送。')
    expect(screen.getByText('最终尺寸:1024 × 1024')).toBeInTheDocument()
  })
})

describe('output image format', slowUi, () => {
  // A text box with suggestions (a datalist) is a combobox.
  const formatBox = (name = 'Output image format') => screen.getByRole('combobox', { name })

  it('is offered in every mode and reaches each endpoint’s request', async () => {
    const rendered = await renderIn('text2image')
    const { user } = rendered
    const box = formatBox()
    expect(box).toHaveAttribute('placeholder', 'Service default')
    const listId = box.getAttribute('list') ?? ''
    const suggestions = [...(document.getElementById(listId)?.querySelectorAll('option') ?? [])]
    expect(suggestions.map((option) => option.value)).toEqual(['png', 'jpg', 'webp'])
    expect(await generate(rendered)).not.toHaveProperty('alwayson_scripts.output_image_format')

    await user.type(box, 'webp')
    const format = { alwayson_scripts: { output_image_format: 'webp' } }
    expect(await generate(rendered)).toMatchObject(format)
    await user.click(tab('Image to image'))
    expect(await generate(rendered)).toMatchObject(format)
    await user.click(tab('ControlNet'))
    expect(await generate(rendered)).toMatchObject(format)
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Endpoint' }),
      'Text to image v3 — under development',
    )
    expect(await generate(rendered)).toMatchObject(format)

    await user.clear(formatBox())
    expect(await generate(rendered)).not.toHaveProperty('alwayson_scripts.output_image_format')
  })

  it('is labelled and explained in Chinese', async () => {
    await renderIn('image2image', { language: 'zh-CN' })
    expect(formatBox('输出图片格式')).toHaveAccessibleDescription(
      '留空则由服务决定。接口文档没有列出可用格式；png、jpg、webp 是 A1111 支持的格式。',
    )
  })
})
