import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Result } from '#contract'
import { maxPngBytes } from '../../../renderer/src/features/workbench/png-params'
import { exampleInpaintSettings } from '../../support/infotext-fixtures'
import { renderWorkbench, ui, validDraft } from './workbench-driver'

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Bytes that start like a PNG; what main reads from them is the fake transport's answer. */
const pngBytes = (size = 64) => {
  const bytes = new Uint8Array(size)
  bytes.set(signature)
  bytes.set([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], signature.length)
  return bytes
}
const pngFile = (name: string, size?: number) => new File([pngBytes(size)], name, { type: 'image/png' })

const a1111Answer: Result<unknown> = {
  ok: true,
  value: {
    params: { prompt: 'a castle on a hill', steps: 32, sampler_index: 'Euler a', cfg_scale: 5.5 },
    source: 'a1111',
    skipped: [],
  },
}

const oursWithSkips: Result<unknown> = {
  ok: true,
  value: {
    params: { prompt: 'a red fox', seed: 1234, alwayson_scripts: { sd_model_checkpoint: 'fox.safetensors' } },
    source: 'img-open',
    skipped: ['width', 'alwayson_scripts.sd_vae'],
  },
}

/** What main reads from an inpaint task's PNG: the image modes' settings beside the common ones. */
const inpaintAnswer: Result<unknown> = {
  ok: true,
  value: {
    params: { prompt: 'a red door', denoising_strength: 0.6, ...exampleInpaintSettings },
    source: 'a1111',
    skipped: [],
  },
}

const workbenchRegion = () => screen.getByRole('region', { name: 'Workbench' })

function drop(target: Element, file: File) {
  const dataTransfer = { files: [file], types: ['Files'], dropEffect: 'none' }
  fireEvent.dragEnter(target, { dataTransfer })
  fireEvent.dragOver(target, { dataTransfer })
  fireEvent.drop(target, { dataTransfer })
}

// The prompt editor places dropped text by coordinates; jsdom has no layout without these.

describe('loading parameters from a PNG', () => {
  it('fills the form from an A1111 PNG dropped on the workbench, as one undo step', async () => {
    const { calls, draft, user } = await renderWorkbench({
      draft: { ...validDraft, steps: 20 },
      answers: { 'images.readParameters': a1111Answer },
    })
    drop(workbenchRegion(), pngFile('castle.png'))

    await waitFor(() => expect(draft().steps).toBe(32))
    expect(draft()).toMatchObject({ prompt: 'a castle on a hill', sampler_index: 'Euler a', cfg_scale: 5.5 })
    // Fields the image did not carry stay as they were.
    expect(draft().alwayson_scripts.sd_model_checkpoint).toBe('v1-5-pruned-emaonly.safetensors')
    expect(calls).toEqual([
      { method: 'images.readParameters', input: { pngBase64: Buffer.from(pngBytes()).toString('base64') } },
    ])
    expect(
      screen.getByText(
        'Loaded the parameters of castle.png, written by A1111. No field was skipped. Ctrl+Z undoes it.',
      ),
    ).toHaveAttribute('role', 'status')

    await user.click(ui.button('Undo'))
    expect(draft()).toMatchObject({ prompt: 'a lighthouse at dusk', steps: 20 })
  })

  it('reads our own PNG through the file button and names the fields it skipped', async () => {
    const { draft, user } = await renderWorkbench({ answers: { 'images.readParameters': oursWithSkips } })
    await user.upload(screen.getByLabelText('Load parameters from PNG…'), pngFile('fox.png'))

    await waitFor(() => expect(draft().prompt).toBe('a red fox'))
    expect(draft()).toMatchObject({
      seed: 1234,
      alwayson_scripts: { sd_model_checkpoint: 'fox.safetensors' },
    })
    expect(
      await screen.findByText(
        'Loaded the parameters of fox.png, written by this app. ' +
          'Fields skipped (invalid or out of range): 2 — Width, VAE. Ctrl+Z undoes it.',
      ),
    ).toBeInTheDocument()
  })

  // Text2image's own denoising is the hires pass's; the image modes keep theirs apart.
  it.each([
    { mode: 'inpaint', imageDenoising: 0.6, hiresDenoising: 0.55 },
    { mode: 'text2image', imageDenoising: 0.75, hiresDenoising: 0.6 },
  ] as const)(
    'keeps an inpaint PNG’s mask settings for the image modes when dropped in $mode',
    async ({ mode, imageDenoising, hiresDenoising }) => {
      const { draft } = await renderWorkbench({
        draft: validDraft,
        state: { mode },
        answers: { 'images.readParameters': inpaintAnswer },
      })
      drop(workbenchRegion(), pngFile('door.png'))
      await waitFor(() => expect(draft().prompt).toBe('a red door'))
      expect(draft().img2img).toMatchObject({ ...exampleInpaintSettings, denoising_strength: imageDenoising })
      expect(draft().denoising_strength).toBe(hiresDenoising)
    },
  )

  it('refuses a file that is not a PNG without sending it to main', async () => {
    const { calls, draft } = await renderWorkbench({ draft: validDraft })
    const before = draft()
    drop(workbenchRegion(), new File(['GIF89a not a png'], 'cat.gif', { type: 'image/gif' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'cat.gif is not a PNG image. Only PNG files carry generation parameters.',
    )
    expect(calls).toEqual([])
    expect(draft()).toBe(before)
  })

  it('says when a PNG carries no parameters, in Simplified Chinese too', async () => {
    const notFound: Result<unknown> = {
      ok: false,
      error: { code: 'not_found', message: 'This image carries no generation parameters.' },
    }
    const { user } = await renderWorkbench({
      language: 'zh-CN',
      answers: { 'images.readParameters': notFound },
    })
    await user.upload(screen.getByLabelText('从 PNG 读取参数…'), pngFile('photo.png'))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'photo.png 不带生成参数（生成时未保存，或已被清除）。',
    )
  })

  it('refuses a PNG over the size limit before reading it', async () => {
    const { calls } = await renderWorkbench()
    drop(workbenchRegion(), pngFile('huge.png', maxPngBytes + 1))
    expect(await screen.findByRole('alert')).toHaveTextContent('huge.png is too large: the limit is 18 MB.')
    expect(calls).toEqual([])
  })

  it('takes a PNG dropped on the prompt editor as parameters, not as text', async () => {
    const { draft } = await renderWorkbench({ answers: { 'images.readParameters': a1111Answer } })
    const editor = screen.getByRole('textbox', { name: 'Prompt' })
    drop(editor, pngFile('castle.png'))
    await waitFor(() => expect(draft().steps).toBe(32))
    expect(draft().prompt).toBe('a castle on a hill')
    expect(editor).toHaveTextContent('a castle on a hill')
  })

  it('leaves a text file dropped on the prompt editor to the editor, which inserts its text', async () => {
    const { calls, draft } = await renderWorkbench()
    drop(
      screen.getByRole('textbox', { name: 'Prompt' }),
      new File(['a misty forest'], 'idea.txt', { type: 'text/plain' }),
    )
    await waitFor(() => expect(draft().prompt).toBe('a misty forest'))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(calls).toEqual([])
  })
})
