import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { image2ImageSettingsSchema } from '#contract'
import { addOperation, emptyMask, makeStroke } from '../../../renderer/src/features/inpaint/mask-document'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { withCanvasShim } from './canvas-shim'
import {
  cacheKey,
  dataUrl,
  demoProfile,
  importedAnswer,
  localImage,
  profilesAnswer,
  submitted,
} from './input-fixtures'
import { renderWorkbench, ui, validDraft } from './workbench-driver'

const slowUi = { timeout: 20_000 }

const keysOf = (value: unknown) => Object.keys(value as object).sort()
const minimal = { prompt: 'x', alwayson_scripts: { sd_model_checkpoint: 'y' } }

/** The inpaint workbench on a 32×16 source with a painted mask, against a fake main that imports it. */
async function inpaintWorkbench() {
  const source = localImage({ previewUrl: dataUrl, width: 32, height: 16 })
  const rendered = await renderWorkbench({
    draft: validDraft,
    state: { mode: 'inpaint', source },
    answers: {
      'profiles.list': profilesAnswer(demoProfile),
      'images.import': importedAnswer(cacheKey('b'), 32, 16, 600),
      'tasks.submit': submitted('iow-7'),
    },
  })
  act(() =>
    useWorkbenchStore
      .getState()
      .setMask(addOperation(emptyMask, makeStroke('paint', 6, 1, [{ x: 5, y: 5 }]))),
  )
  await waitFor(() => expect(ui.button('Generate')).toBeEnabled())
  return { ...rendered, source }
}

async function submitParams({ user, calls }: Awaited<ReturnType<typeof inpaintWorkbench>>) {
  await user.click(ui.button('Generate'))
  await screen.findByText('Task iow-7 submitted.', undefined, { timeout: 10_000 })
  const input = calls.find((call) => call.method === 'tasks.submit')?.input as Record<string, unknown>
  return input
}

describe('what inpaint sends', slowUi, () => {
  withCanvasShim()

  it('sends every img2img key, with its defaults, beside the source and the mask', async () => {
    const rendered = await inpaintWorkbench()
    const input = await submitParams(rendered)
    expect(input).toMatchObject({
      kind: 'inpaint',
      source: rendered.source.source,
      mask: { type: 'cached', cacheKey: cacheKey('b') },
    })
    expect(keysOf(input.params)).toEqual(keysOf(image2ImageSettingsSchema.parse(minimal)))
    expect(input.params).toEqual(image2ImageSettingsSchema.parse(validDraft))
  })

  it('sends each inpaint control as set, with the wire’s types', async () => {
    const rendered = await inpaintWorkbench()
    const { user } = rendered
    await ui.setNumber(user, 'Mask blur X', 8)
    await ui.setNumber(user, 'Mask blur Y', 12)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mask mode' }), 'Inpaint not masked')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Masked content' }), 'Latent noise')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Inpaint area' }), 'Only masked')
    await ui.setNumber(user, 'Only masked padding (px)', 64)
    await ui.setNumber(user, 'Denoising strength', 0.6)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Resize mode' }), 'Crop and resize')
    await ui.setNumber(user, 'Noise multiplier', 0.9)
    await user.click(screen.getByRole('checkbox', { name: /Set an image CFG scale/ }))
    await ui.setNumber(user, 'Image CFG scale', 1.25)
    await ui.setNumber(user, 'Steps', 30)
    await user.type(screen.getByRole('combobox', { name: 'Output image format' }), 'png')

    const input = await submitParams(rendered)
    expect(input.params).toEqual(
      image2ImageSettingsSchema.parse({
        ...validDraft,
        steps: 30,
        mask_blur_x: 8,
        mask_blur_y: 12,
        inpainting_mask_invert: 1,
        inpainting_fill: 2,
        inpaint_full_res: true,
        inpaint_full_res_padding: 64,
        denoising_strength: 0.6,
        resize_mode: 1,
        initial_noise_multiplier: 0.9,
        image_cfg_scale: 1.25,
        alwayson_scripts: { ...validDraft.alwayson_scripts, output_image_format: 'png' },
      }),
    )
    // One blur per direction: a set `mask_blur` would override both in A1111.
    expect(input.params).not.toHaveProperty('mask_blur')
  })
})
