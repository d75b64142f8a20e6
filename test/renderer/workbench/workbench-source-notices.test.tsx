import { act, screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile, Result } from '../../../main/contract'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import type { PickedImage } from '../../../renderer/src/features/sources'
import type { WorkbenchMode } from '../../../renderer/src/features/workbench/modes'
import { installCanvasShim } from './canvas-shim'
import {
  cacheKey,
  dataUrl,
  demoProfile,
  profile,
  profilesAnswer,
  resultImage,
  storage,
} from './input-fixtures'
import { renderWorkbench, validDraft } from './workbench-driver'

const slowUi = { timeout: 20_000 }

const pngFile = () =>
  new File([Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')], 'cat.png', {
    type: 'image/png',
  })

const imported: Result<unknown> = {
  ok: true,
  value: { cacheKey: cacheKey('c'), type: 'png', width: 1, height: 1, bytes: 70 },
}

/** Lets answers already on their way land, so a notice that should not appear has had its chance. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)))

/**
 * The workbench in `mode` on `active`, with the source slot's group and the file input in it;
 * `profileReads` counts how often the screen asked for the active profile.
 */
async function renderSlot(active: Profile, mode: WorkbenchMode, language: 'en' | 'zh-CN' = 'en') {
  let reads = 0
  const rendered = await renderWorkbench({
    language,
    draft: validDraft,
    state: { mode },
    answers: {
      'profiles.list': () => {
        reads += 1
        return profilesAnswer(active)
      },
      'images.import': imported,
    },
  })
  const slot = screen.getByRole('group', { name: language === 'en' ? 'Source image' : '原图' })
  const fileInput = slot.querySelector('input[type=file]')
  if (!(fileInput instanceof HTMLInputElement)) throw new Error('no file input')
  return { ...rendered, slot, fileInput, profileReads: () => reads }
}

describe('the source slot on a profile without image storage', slowUi, () => {
  let restoreCanvas: () => void
  beforeAll(() => {
    restoreCanvas = installCanvasShim()
  })
  afterAll(() => restoreCanvas())

  it('says at once that a local file cannot be sent, before any mask is painted, and opens Settings', async () => {
    const { user, slot, fileInput, calls } = await renderSlot(profile({ storage: null }), 'inpaint')
    await user.upload(fileInput, pngFile())
    const notice = await within(slot).findByRole('alert')
    expect(notice).toHaveTextContent('This image cannot be sent yet')
    expect(notice).toHaveTextContent('image storage of the profile “Studio”, which is not set up')
    // Said before painting or Generate: only the file was imported, nothing went out.
    expect(calls.map((call) => call.method)).toEqual(['images.import'])
    await user.click(within(notice).getByRole('button', { name: 'Open Settings' }))
    expect(useUiStore.getState().view).toBe('settings')
  })

  it('says it in Simplified Chinese too', async () => {
    const { user, slot, fileInput } = await renderSlot(profile({ storage: null }), 'image2image', 'zh-CN')
    await user.upload(fileInput, pngFile())
    const notice = await within(slot).findByRole('alert')
    expect(notice).toHaveTextContent('这张图片暂时无法发送')
    expect(within(notice).getByRole('button', { name: '打开设置' })).toBeInTheDocument()
  })

  it.each<[string, Profile]>([
    ['the demo profile, whose simulator hosts uploads', demoProfile],
    ['a profile with storage', profile({ storage })],
  ])('says nothing on %s', async (_name, active) => {
    const { user, slot, fileInput, profileReads } = await renderSlot(active, 'image2image')
    const before = profileReads()
    await user.upload(fileInput, pngFile())
    await within(slot).findByText('cat.png')
    // The slot asked which profile is active once it held a local image.
    await waitFor(() => expect(profileReads()).toBeGreaterThan(before))
    await settle()
    expect(within(slot).queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says nothing for an earlier result, which the service fetches by its link', async () => {
    await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: resultImage({ previewUrl: dataUrl }) },
      answers: { 'profiles.list': profilesAnswer(profile({ storage: null })) },
    })
    const slot = screen.getByRole('group', { name: 'Source image' })
    await within(slot).findByText('Task iow-earlier image 1')
    await settle()
    expect(within(slot).queryByRole('alert')).not.toBeInTheDocument()
  })
})

describe('an inpaint source without a picture to paint on', slowUi, () => {
  const link: PickedImage = {
    source: { type: 'url', url: 'https://cdn.example/cat.jpg' },
    previewUrl: null,
    width: null,
    height: null,
    label: 'cdn.example',
    needsUpload: false,
  }

  it.each<[string, PickedImage, string]>([
    ['a pasted link', link, 'the app does not load remote images, so there is no preview'],
    ['a result without a local copy', resultImage(), 'There is no copy of this result on this computer'],
  ])('says why there is nothing to paint on for %s, in terms true of it', async (_case, source, why) => {
    await renderWorkbench({ draft: validDraft, state: { mode: 'inpaint', source } })
    const slot = screen.getByRole('group', { name: 'Source image' })
    expect(within(slot).getByText(why, { exact: false })).toBeInTheDocument()
    const hint = screen.getByText(/There is nothing to paint on/)
    expect(hint).toHaveTextContent('the source image box says why')
    // It used to say "the app cannot show a pasted link", also under a result.
    expect(hint).not.toHaveTextContent(/link/)
  })

  it('says it in Simplified Chinese too', async () => {
    await renderWorkbench({
      language: 'zh-CN',
      draft: validDraft,
      state: { mode: 'inpaint', source: resultImage() },
    })
    const slot = screen.getByRole('group', { name: '原图' })
    expect(within(slot).getByText(/本机没有这个结果的副本/)).toBeInTheDocument()
    expect(screen.getByText(/没有可绘制的图像/)).not.toHaveTextContent('链接')
  })
})
