import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Profile, Result, StorageConfig } from '#contract'
import { addOperation, emptyMask, makeStroke } from '../../../renderer/src/features/inpaint/mask-document'
import { useUploadConsents } from '../../../renderer/src/features/sources'
import { uploadConsentsStorageKey } from '../../../renderer/src/features/sources/upload-consents'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { readShimImage, withCanvasShim } from './canvas-shim'
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
  submitted,
} from './input-fixtures'
import { renderWorkbench, ui, validDraft } from './workbench-driver'

const slowUi = { timeout: 40_000 }

const submits = (calls: readonly { method: string; input: unknown }[]) =>
  calls.filter((call) => call.method === 'tasks.submit').map((call) => call.input as Record<string, unknown>)

/** The alert that says `text` once it is shown (a slot and the action bar may both be saying something). */
async function alertWith(text: string) {
  const alert = (await screen.findByText(text)).closest<HTMLElement>('[role=alert]')
  if (!alert) throw new Error(`"${text}" is not in an alert`)
  return alert
}

describe('uploading local images', slowUi, () => {
  it('shows where images go before the first upload, and asks again for any other destination', async () => {
    let active: Profile = profile()
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: localImage() },
      answers: { 'profiles.list': () => profilesAnswer(active), 'tasks.submit': submitted('iow-1') },
    })
    await user.click(ui.button('Generate'))
    let dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
    expect(dialog).toHaveAccessibleDescription(/profile “Studio”/)
    for (const text of [
      'https://oss-cn-hangzhou.aliyuncs.com',
      'my-inputs',
      'img-open-workbench/',
      '30 min',
    ]) {
      expect(within(dialog).getByText(text)).toBeInTheDocument()
    }
    expect(within(dialog).getByText('Deleted from the bucket')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(submits(calls)).toEqual([])

    await user.click(ui.button('Generate'))
    dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
    await user.click(within(dialog).getByRole('button', { name: 'Upload and generate' }))
    await screen.findByText('Task iow-1 submitted.')
    expect(submits(calls)).toHaveLength(1)
    // The profile whose destination was shown, so one switched meanwhile in Settings is not used unseen.
    expect(submits(calls)[0]).toMatchObject({ profileId: active.id })
    expect(localStorage.getItem(uploadConsentsStorageKey)).toContain('img-open-workbench/')

    await user.click(ui.button('Generate'))
    await waitFor(() => expect(submits(calls)).toHaveLength(2))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()

    // The same profile and bucket, somewhere else: each change of destination asks again.
    const elsewhere: [Partial<StorageConfig>, string][] = [
      [{ bucket: 'other-bucket' }, 'other-bucket'],
      [{ prefix: 'shared/' }, 'shared/'],
      [{ endpoint: 'https://cos.ap-shanghai.myqcloud.com' }, 'https://cos.ap-shanghai.myqcloud.com'],
      [{ region: 'cn-shanghai' }, 'cn-shanghai'],
    ]
    for (const [change, shown] of elsewhere) {
      active = profile({ storage: { ...storage, ...change } })
      await user.click(ui.button('Generate'))
      dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
      expect(within(dialog).getByText(shown)).toBeInTheDocument()
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    }
    expect(submits(calls)).toHaveLength(2)
  })

  it('explains what to set up when the profile has no storage, and opens Settings', async () => {
    const onOpenSettings = vi.fn()
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      onOpenSettings,
      state: { mode: 'image2image', source: localImage() },
      answers: {
        'profiles.list': profilesAnswer(profile({ storage: null })),
        'tasks.submit': submitted('iow-1'),
      },
    })
    await user.click(ui.button('Generate'))
    const notice = await alertWith('Local images need your own storage')
    expect(notice).toHaveTextContent('S3-compatible image storage')
    expect(notice).toHaveTextContent('results of earlier tasks (while their links work) and pasted links')
    await user.click(within(notice).getByRole('button', { name: 'Open Settings' }))
    expect(onOpenSettings).toHaveBeenCalledOnce()
    expect(submits(calls)).toEqual([])

    // An earlier result needs no storage: it goes out as it is.
    act(() => useWorkbenchStore.getState().setSource(resultImage()))
    await user.click(ui.button('Generate'))
    await screen.findByText('Task iow-1 submitted.')
  })

  it('asks before an earlier result could be uploaded in place of an expired link, when storage is set up', async () => {
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: resultImage() },
      answers: { 'profiles.list': profilesAnswer(profile()), 'tasks.submit': submitted('iow-1') },
    })
    await user.click(ui.button('Generate'))
    const dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
    expect(submits(calls)).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Upload and generate' }))
    await screen.findByText('Task iow-1 submitted.')
    expect(submits(calls)[0]).toMatchObject({ kind: 'image2image', source: resultImage().source })
  })

  it('explains it in Simplified Chinese too', async () => {
    const { user } = await renderWorkbench({
      language: 'zh-CN',
      draft: validDraft,
      state: { mode: 'inpaint', source: resultImage() },
      answers: { 'profiles.list': profilesAnswer(profile({ storage: null })) },
    })
    act(() => useWorkbenchStore.getState().setMaskImage(localImage({ label: 'mask.png' })))
    await user.click(ui.button('生成'))
    // The inpaint group has said since it opened that the mask cannot be sent (its own alert).
    const notice = await alertWith('本地图片需要你自己的存储')
    expect(within(notice).getByRole('button', { name: '关闭' })).toBeInTheDocument()
  })

  it("keeps uploads as the profile's storage says unless changed beside Generate", async () => {
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: localImage() },
      answers: {
        'profiles.list': profilesAnswer(profile({ storage: { ...storage, keepUploads: true } })),
        'tasks.submit': submitted('iow-1'),
      },
    })
    useUploadConsents.getState().consentTo('studio', { ...storage, keepUploads: true })
    const keep = await screen.findByRole('checkbox', { name: 'Keep uploads in my-inputs after the task' })
    expect(keep).toBeChecked()
    await user.click(ui.button('Generate'))
    await screen.findByText('Task iow-1 submitted.')
    await user.click(keep)
    await user.click(ui.button('Generate'))
    await waitFor(() => expect(submits(calls)).toHaveLength(2))
    expect(submits(calls).map((input) => input.options)).toEqual([
      { allowResize: false, keepUploads: true },
      { allowResize: false, keepUploads: false },
    ])
  })

  it('says in the dialog what happens to the uploads as chosen beside Generate', async () => {
    const { user } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: localImage() },
      answers: { 'profiles.list': profilesAnswer(profile({ storage: { ...storage, keepUploads: true } })) },
    })
    await user.click(
      await screen.findByRole('checkbox', { name: 'Keep uploads in my-inputs after the task' }),
    )
    await user.click(ui.button('Generate'))
    const dialog = await screen.findByRole('dialog', { name: 'Upload local images to your storage?' })
    expect(within(dialog).getByText('Deleted from the bucket')).toBeInTheDocument()
  })
})

/** `profiles.list` answering `active` at once, except one call held while `hold()` is armed. */
function heldProfiles(active: () => Profile) {
  let armed = false
  let release: (result: Result<unknown>) => void = () => undefined
  return {
    answer: () => {
      if (!armed) return profilesAnswer(active())
      armed = false
      return new Promise<Result<unknown>>((resolve) => (release = resolve))
    },
    hold: () => (armed = true),
    release: () => act(() => release(profilesAnswer(active()))),
  }
}

describe('what Generate sends', slowUi, () => {
  it('sends the form as it is once the profile has answered, edits made meanwhile included', async () => {
    const profiles = heldProfiles(() => demoProfile)
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: localImage() },
      answers: { 'profiles.list': profiles.answer, 'tasks.submit': submitted('iow-1') },
    })
    profiles.hold()
    await user.click(ui.button('Generate'))
    await screen.findByRole('button', { name: 'Checking image storage…' })
    act(() => {
      useWorkbenchStore.getState().applyParams({ prompt: 'a lighthouse at dawn' })
      useWorkbenchStore.getState().setImageSetting('denoising_strength', 0.4)
    })
    await profiles.release()
    await screen.findByText('Task iow-1 submitted.')
    expect(submits(calls)[0]?.params).toMatchObject({
      prompt: 'a lighthouse at dawn',
      denoising_strength: 0.4,
    })
  })

  it('asks again when a local image replaced a result while the profile was asked', async () => {
    const profiles = heldProfiles(() => profile({ storage: null }))
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'image2image', source: resultImage() },
      answers: { 'profiles.list': profiles.answer, 'tasks.submit': submitted('iow-1') },
    })
    profiles.hold()
    await user.click(ui.button('Generate'))
    await screen.findByRole('button', { name: 'Checking image storage…' })
    act(() => useWorkbenchStore.getState().setSource(localImage()))
    await profiles.release()
    await alertWith('Local images need your own storage')
    expect(submits(calls)).toEqual([])
  })
})

describe('inpainting', slowUi, () => {
  withCanvasShim()

  it('sends the painted mask at the source size, saying what it waits for', async () => {
    let finishSubmit: (result: Result<unknown>) => void = () => undefined
    const source = localImage({ previewUrl: dataUrl, width: 32, height: 16 })
    const { user, calls } = await renderWorkbench({
      draft: validDraft,
      state: { mode: 'inpaint', source },
      answers: {
        'profiles.list': profilesAnswer(demoProfile),
        'images.import': importedAnswer(cacheKey('b'), 32, 16, 600),
        'tasks.submit': () => new Promise<Result<unknown>>((resolve) => (finishSubmit = resolve)),
      },
    })
    expect(ui.button('Generate')).toHaveAccessibleDescription('Paint the area to repaint on the source image')
    const painted = addOperation(emptyMask, makeStroke('paint', 6, 1, [{ x: 5, y: 5 }]))
    act(() => useWorkbenchStore.getState().setMask(painted))
    await waitFor(() => expect(ui.button('Generate')).toBeEnabled())
    await user.click(ui.button('Generate'))
    // Rendering and importing the mask comes first; on a loaded machine that takes a moment.
    const waiting = await screen.findByRole(
      'button',
      { name: 'Uploading images and submitting…' },
      { timeout: 10_000 },
    )
    expect(waiting).toBeDisabled()
    finishSubmit({ ok: true, value: { taskId: 'iow-9' } })
    await screen.findByText('Task iow-9 submitted.')

    const imported = calls.find((call) => call.method === 'images.import')?.input as { base64: string }
    const mask = readShimImage(imported.base64)
    expect([mask.width, mask.height]).toEqual([32, 16])
    expect(mask.at(5, 5)).toBe(255)
    expect(mask.at(30, 14)).toBe(0)
    const [input] = submits(calls)
    expect(Object.keys(input ?? {}).sort()).toEqual([
      'kind',
      'mask',
      'options',
      'params',
      'profileId',
      'source',
    ])
    expect(input).toMatchObject({
      kind: 'inpaint',
      source: source.source,
      mask: { type: 'cached', cacheKey: cacheKey('b') },
    })
    expect(input?.params).toMatchObject({ mask_blur_x: 4, inpainting_fill: 1, inpaint_full_res: false })
  })
})
