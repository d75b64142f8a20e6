import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import sharp from 'sharp'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import {
  ImageSourcePicker,
  resultDragData,
  resultDragType,
  type PickedImage,
} from '../../../renderer/src/features/sources'
import type { Language } from '../../../renderer/src/shared/i18n'
import { useTempDirs } from '../../support/temp-dir'
import { renderWithMain } from './render'
import { createSourceMain, Failure } from './source-main'

/** The picker as a form holds it: controlled, with every change recorded. */
function Harness({ onChange }: { onChange: (next: PickedImage | null) => void }) {
  const [value, setValue] = useState<PickedImage | null>(null)
  return (
    <ImageSourcePicker
      label="Source image"
      value={value}
      onChange={(next) => {
        setValue(next)
        onChange(next)
      }}
    />
  )
}

async function setup(dataDir: string, language: Language = 'en') {
  const main = createSourceMain(dataDir)
  const onChange = vi.fn<(next: PickedImage | null) => void>()
  const rendered = await renderWithMain(<Harness onChange={onChange} />, main, language)
  const group = screen.getByRole('group', { name: 'Source image' })
  return { main, onChange, group, ...rendered }
}

const pngBytes = async (width: number, height: number) =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer(),
  )

const pngFile = async (name = 'photo.png', width = 48, height = 32) =>
  new File([await pngBytes(width, height)], name, { type: 'image/png' })

/** The hidden file input behind "Choose file…", by element (its name is in the test's language). */
function fileInput(group: HTMLElement): HTMLInputElement {
  const input = group.querySelector('input[type=file]')
  if (!(input instanceof HTMLInputElement)) throw new Error('no file input')
  return input
}

const lastPicked = (onChange: ReturnType<typeof vi.fn>) => onChange.mock.lastCall?.[0] as PickedImage | null

describe('the image source picker', () => {
  const tempDir = useTempDirs()

  it('imports a chosen PNG through main and shows its name and pixel size', async () => {
    const { main, onChange, group, user } = await setup(await tempDir())
    await user.upload(within(group).getByLabelText('Image file for Source image'), await pngFile())
    expect(await within(group).findByText('48 × 32 px')).toBeInTheDocument()
    expect(within(group).getByText('photo.png')).toBeInTheDocument()
    expect(within(group).getByRole('img', { name: 'Preview of photo.png' })).toHaveAttribute(
      'src',
      expect.stringMatching(/^data:image\/png;base64,/),
    )
    const [imported] = main.inputsOf('images.import') as { base64: string }[]
    expect(new Uint8Array(Buffer.from(imported?.base64 ?? '', 'base64'))).toEqual(await pngBytes(48, 32))
    const picked = lastPicked(onChange)
    expect(picked).toMatchObject({ needsUpload: true, width: 48, height: 32, label: 'photo.png' })
    expect(picked?.source).toEqual({ type: 'cached', cacheKey: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })

  it('takes a JPEG as well, with the size main reads from it', async () => {
    const { onChange, group, user } = await setup(await tempDir())
    const jpeg = await sharp({ create: { width: 40, height: 24, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer()
    await user.upload(
      within(group).getByLabelText('Image file for Source image'),
      new File([new Uint8Array(jpeg)], 'red.jpg'),
    )
    expect(await within(group).findByText('40 × 24 px')).toBeInTheDocument()
    expect(lastPicked(onChange)?.previewUrl).toMatch(/^data:image\/jpeg;base64,/)
  })

  it.each([
    ['en', 'notes.txt is not a PNG, JPEG or WebP image.'],
    ['zh-CN', 'notes.txt 不是 PNG、JPEG 或 WebP 图片。'],
  ] as const)('refuses a file that is not an image before sending it (%s)', async (language, message) => {
    const { main, onChange, group } = await setup(await tempDir(), language)
    fireEvent.change(fileInput(group), {
      target: { files: [new File(['hello'], 'notes.txt', { type: 'text/plain' })] },
    })
    expect(await within(group).findByRole('alert')).toHaveTextContent(message)
    expect(main.inputsOf('images.import')).toEqual([])
    expect(onChange).not.toHaveBeenCalled()
  })

  it('refuses a file over the import limit without reading it', async () => {
    const { main, group, user } = await setup(await tempDir())
    const huge = new File([new Uint8Array(18 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' })
    await user.upload(within(group).getByLabelText('Image file for Source image'), huge)
    expect(await within(group).findByRole('alert')).toHaveTextContent(
      'huge.png is larger than 18 MB; pick a smaller image.',
    )
    expect(main.inputsOf('images.import')).toEqual([])
  })

  it.each([
    ['en', 'photo.png could not be prepared: A file could not be read or written.'],
    ['zh-CN', '无法准备 photo.png：无法读取或写入文件。'],
  ] as const)('says why main could not import the image (%s)', async (language, message) => {
    const { main, onChange, group, user } = await setup(await tempDir(), language)
    main.override('images.import', () => {
      throw new Failure({ code: 'io', message: 'The image cache could not be written.' })
    })
    await user.upload(fileInput(group), await pngFile())
    expect(await within(group).findByRole('alert')).toHaveTextContent(message)
    expect(onChange).not.toHaveBeenCalled()
  })

  it('shows what it is doing while main prepares a file, then the image', async () => {
    const { main, group, user } = await setup(await tempDir())
    let finish = () => undefined as void
    const gate = new Promise<void>((resolve) => (finish = resolve))
    main.override('images.import', async () => {
      await gate
      return { cacheKey: 'a'.repeat(64), type: 'png', width: 48, height: 32, bytes: 100 }
    })
    await user.upload(within(group).getByLabelText('Image file for Source image'), await pngFile())
    expect(await within(group).findByText('Preparing photo.png…')).toHaveAttribute('role', 'status')
    expect(within(group).getByRole('button', { name: 'Choose file…' })).toBeDisabled()
    finish()
    expect(await within(group).findByText('48 × 32 px')).toBeInTheDocument()
    expect(within(group).getByRole('status')).toHaveTextContent('')
  })

  it('pastes a clipboard image when the slot has focus', async () => {
    const { main, onChange, group } = await setup(await tempDir())
    const slot = within(group).getByRole('group', { name: 'Source image: drop or paste an image here' })
    slot.focus()
    const pasted = new File([await pngBytes(20, 10)], '', { type: 'image/png' })
    fireEvent.paste(slot, { clipboardData: { files: [pasted], getData: () => '' } })
    expect(await within(group).findByText('20 × 10 px')).toBeInTheDocument()
    expect(lastPicked(onChange)).toMatchObject({ label: 'Pasted image', needsUpload: true })
    expect(main.inputsOf('images.import')).toHaveLength(1)
  })

  it('takes a pasted link only when it is http(s), showing its host and no preview', async () => {
    const { onChange, group, user } = await setup(await tempDir())
    await user.click(within(group).getByRole('button', { name: 'Paste link' }))
    const box = within(group).getByRole('textbox', { name: 'Image link' })
    await user.type(box, 'ftp://example.com/cat.png{Enter}')
    expect(within(group).getByRole('alert')).toHaveTextContent(
      'Enter an http:// or https:// link to an image.',
    )
    expect(box).toHaveAttribute('aria-invalid', 'true')
    expect(onChange).not.toHaveBeenCalled()

    await user.clear(box)
    await user.type(box, 'https://cdn.example.com/cat.png')
    await user.click(within(group).getByRole('button', { name: 'Use link' }))
    expect(lastPicked(onChange)).toEqual({
      source: { type: 'url', url: 'https://cdn.example.com/cat.png' },
      previewUrl: null,
      width: null,
      height: null,
      label: 'cdn.example.com',
      needsUpload: false,
    })
    expect(within(group).queryByRole('img')).not.toBeInTheDocument()
    expect(within(group).getAllByText('cdn.example.com').length).toBeGreaterThan(0)
    expect(within(group).queryByRole('textbox', { name: 'Image link' })).not.toBeInTheDocument()
    expect(within(group).getByRole('button', { name: 'Paste link' })).toHaveFocus()
  })

  it('turns a result dragged from a task card into a result source with its cached preview', async () => {
    const { main, onChange, group } = await setup(await tempDir())
    const cacheKey = await main.putImage('result-1')
    const data = resultDragData('task-0123456789abcdef', 1, cacheKey)
    fireEvent.drop(group, {
      dataTransfer: {
        types: [resultDragType, 'text/plain'],
        files: [],
        getData: (type: string) => (type === resultDragType ? data : ''),
      },
    })
    expect(await within(group).findByText('32 × 32 px')).toBeInTheDocument()
    expect(lastPicked(onChange)).toMatchObject({
      source: { type: 'result', taskId: 'task-0123456789abcdef', index: 1 },
      label: 'Task task-012… image 2',
      needsUpload: false,
      previewUrl: expect.stringMatching(/^data:image\/png;base64,/),
    })
    expect(main.inputsOf('images.get')).toEqual([{ cacheKey, size: 'full' }])
    expect(main.inputsOf('images.import')).toEqual([])
  })

  it('says so when a drop carries nothing it can use, and clears on request', async () => {
    const { onChange, group, user } = await setup(await tempDir())
    fireEvent.drop(group, { dataTransfer: { types: ['text/plain'], files: [], getData: () => 'just words' } })
    expect(within(group).getByRole('alert')).toHaveTextContent('That was not an image, a result or a link.')

    await user.upload(within(group).getByLabelText('Image file for Source image'), await pngFile())
    await within(group).findByText('48 × 32 px')
    expect(within(group).queryByRole('alert')).not.toBeInTheDocument()
    await user.click(within(group).getByRole('button', { name: 'Clear' }))
    await waitFor(() => expect(lastPicked(onChange)).toBeNull())
    expect(within(group).getByText('No image yet.')).toBeInTheDocument()
  })
})
