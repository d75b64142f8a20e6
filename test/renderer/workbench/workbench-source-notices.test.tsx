import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Profile } from '#contract'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { emptyMask } from '../../../renderer/src/features/inpaint/mask-document'
import type { PickedImage } from '../../../renderer/src/features/sources'
import { pickedFromLink } from '../../../renderer/src/features/sources/picked-image'
import type { WorkbenchMode } from '../../../renderer/src/features/workbench/modes'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { withCanvasShim } from './canvas-shim'
import {
  cacheKey,
  dataUrl,
  demoProfile,
  importedAnswer,
  localImage,
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

const imported = importedAnswer(cacheKey('c'), 1, 1, 70)

/** A pasted link: the service fetches it, the app has no copy of it. */
const link = pickedFromLink('https://cdn.example/cat.jpg')

/** Profiles that may send local images: no storage notice belongs on them. */
const profilesThatUpload: readonly [string, Profile][] = [
  ['the demo profile, whose simulator hosts uploads', demoProfile],
  ['a profile with storage', profile({ storage })],
]

/** Lets answers already on their way land, so a notice that should not appear has had its chance. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)))

/**
 * The workbench in `mode` on `active`, with the source slot's group and the file input in it;
 * `profileReads` counts how often the screen asked for the active profile.
 */
async function renderSlot(
  active: Profile,
  mode: WorkbenchMode,
  { language = 'en', source = null }: { language?: 'en' | 'zh-CN'; source?: PickedImage | null } = {},
) {
  let reads = 0
  const rendered = await renderWorkbench({
    language,
    draft: validDraft,
    state: { mode, source },
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
  withCanvasShim()

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
    const { user, slot, fileInput } = await renderSlot(profile({ storage: null }), 'image2image', {
      language: 'zh-CN',
    })
    await user.upload(fileInput, pngFile())
    const notice = await within(slot).findByRole('alert')
    expect(notice).toHaveTextContent('这张图片暂时无法发送')
    expect(within(notice).getByRole('button', { name: '打开设置' })).toBeInTheDocument()
  })

  it.each(profilesThatUpload)('says nothing on %s', async (_name, active) => {
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
  const reasons = {
    link: 'the app does not load remote images, so there is no preview',
    result: 'There is no copy of this result on this computer',
    unreadable: 'The copy of this image on this computer could not be read',
  }
  /** The inpaint group's "nothing to paint on" message. */
  const cannotPaint = (group: string, text: RegExp) =>
    within(screen.getByRole('group', { name: group })).getByText(text)

  it.each<[string, PickedImage, keyof typeof reasons]>([
    ['a pasted link', link, 'link'],
    ['a result without a local copy', resultImage(), 'result'],
    ['a local image whose copy cannot be read', localImage(), 'unreadable'],
  ])('says why there is nothing to paint on for %s, as the source slot does', async (_case, source, why) => {
    await renderWorkbench({ draft: validDraft, state: { mode: 'inpaint', source } })
    const slot = screen.getByRole('group', { name: 'Source image' })
    expect(within(slot).getByText(reasons[why], { exact: false })).toBeInTheDocument()
    const hint = cannotPaint('Inpaint', /There is nothing to paint on/)
    expect(hint).toHaveTextContent(reasons[why])
    expect(hint).toHaveTextContent('To paint a mask, use a file, a pasted image or a result')
    for (const other of Object.values(reasons).filter((reason) => reason !== reasons[why])) {
      expect(hint).not.toHaveTextContent(other)
    }
  })

  it('says when the picture is there but its pixel size, which the mask is painted at, is unknown', async () => {
    const source = resultImage({ previewUrl: dataUrl, width: null, height: null })
    await renderWorkbench({ draft: validDraft, state: { mode: 'inpaint', source } })
    const hint = cannotPaint('Inpaint', /There is nothing to paint on/)
    expect(hint).toHaveTextContent('the pixel size of this image could not be read')
    for (const reason of Object.values(reasons)) expect(hint).not.toHaveTextContent(reason)
  })

  it.each<[string, PickedImage, string]>([
    ['a pasted link', link, '应用不加载远程图片'],
    ['a result without a local copy', resultImage(), '本机没有这个结果的副本'],
    ['a local image whose copy cannot be read', localImage(), '无法读取这张图片在本机上的副本'],
  ])('says it in Simplified Chinese too, for %s', async (_case, source, why) => {
    await renderWorkbench({ language: 'zh-CN', draft: validDraft, state: { mode: 'inpaint', source } })
    const hint = cannotPaint('局部重绘', /没有可绘制的图像/)
    expect(hint).toHaveTextContent(why)
    expect(hint).toHaveTextContent('要绘制蒙版')
  })
})

describe('the mask on a profile without image storage', slowUi, () => {
  // A result with a picture shows the mask painter, which draws on a canvas.
  withCanvasShim()
  const inpaintGroup = (name = 'Inpaint') => screen.getByRole('group', { name })

  it.each<[string, PickedImage | null]>([
    ['no source yet', null],
    ['a pasted link', link],
    ['an earlier result', resultImage({ previewUrl: dataUrl, width: 1, height: 1 })],
  ])(
    'says before any painting that the mask cannot be sent, with %s, and opens Settings',
    async (_case, source) => {
      const { user, calls } = await renderWorkbench({
        draft: validDraft,
        state: { mode: 'inpaint', source },
        answers: { 'profiles.list': profilesAnswer(profile({ storage: null })) },
      })
      const notice = await within(inpaintGroup()).findByRole('alert')
      expect(notice).toHaveTextContent('The mask cannot be sent yet')
      expect(notice).toHaveTextContent('even when the source image is a link or an earlier result')
      expect(notice).toHaveTextContent('image storage of the profile “Studio”, which is not set up')
      // The source needs no storage, so its slot says nothing; nothing was painted or sent.
      expect(within(screen.getByRole('group', { name: 'Source image' })).queryByRole('alert')).toBeNull()
      expect(useWorkbenchStore.getState().mask).toEqual(emptyMask)
      expect(calls).toEqual([])
      await user.click(within(notice).getByRole('button', { name: 'Open Settings' }))
      expect(useUiStore.getState().view).toBe('settings')
    },
  )

  it('says it in Simplified Chinese too', async () => {
    await renderSlot(profile({ storage: null }), 'inpaint', { language: 'zh-CN', source: link })
    const notice = await within(inpaintGroup('局部重绘')).findByRole('alert')
    expect(notice).toHaveTextContent('蒙版暂时无法发送')
    expect(notice).toHaveTextContent('即使原图是链接或之前的结果')
    expect(within(notice).getByRole('button', { name: '打开设置' })).toBeInTheDocument()
  })

  it.each(profilesThatUpload)('says nothing on %s', async (_name, active) => {
    const { profileReads } = await renderSlot(active, 'inpaint', { source: link })
    await waitFor(() => expect(profileReads()).toBeGreaterThan(0))
    await settle()
    expect(within(inpaintGroup()).queryByRole('alert')).toBeNull()
  })
})
