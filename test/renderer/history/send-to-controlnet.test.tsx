import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  controlNetParamsSchema,
  controlNetUnitSettingsSchema,
  isSdTask,
  type ControlNetUnitSettings,
  type TaskRecord,
} from '#contract'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import type { PickedImage } from '../../../renderer/src/features/sources'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { makeImageTaskRecord, makeTaskInput, makeTaskRecord } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { cachedResult, renderHistoryApp, withHistoryMains, type HistoryMain } from './app-driver'

/** An image the user linked earlier, standing for whatever the workbench held before the send. */
const linked = (name: string): PickedImage => ({
  source: { type: 'url', url: `https://pictures.example/${name}.png` },
  previewUrl: null,
  width: null,
  height: null,
  label: name,
  needsUpload: false,
})

/** A unit as the panel makes one, with what the test sets. */
const unitSettings = (patch: Partial<ControlNetUnitSettings>) => controlNetUnitSettingsSchema.parse(patch)

/** Opens `record`'s details in the app and presses its first image's "Send to ControlNet". */
async function sendToControlNet(main: HistoryMain, record: TaskRecord) {
  useHistoryStore.getState().openDetail(record.id)
  const user = await renderHistoryApp(main, [record])
  const detail = await screen.findByRole('complementary', { name: 'Task details' })
  const sendTo = within(detail).getByRole('group', { name: 'Send image 1 to' })
  await user.click(within(sendTo).getByRole('button', { name: 'Send to ControlNet' }))
  await waitFor(() => expect(useWorkbenchStore.getState().mode).toBe('controlnet'))
}

const fromResult = (record: TaskRecord) => ({ type: 'result', taskId: record.id, index: 0 })

describe('"Send to ControlNet" gives the result to the first unit', { timeout: 30_000 }, () => {
  const newMain = withHistoryMains(useTempDirs())

  it("replaces the first unit's image and enables it; the base image and other units stay", async () => {
    const main = await newMain()
    const record = makeTaskRecord({
      prompt: 'a dancer on a stage',
      images: [await cachedResult(main, 'dancer')],
    })
    const workbench = useWorkbenchStore.getState()
    workbench.setSource(linked('base'))
    workbench.setControlNet({
      units: [
        unitSettings({ enabled: false, control_type: 'depth', module: 'depth_midas' }),
        unitSettings({ control_type: 'OpenPose', module: 'openpose' }),
      ],
      images: [linked('old-depth'), linked('pose')],
    })

    await sendToControlNet(main, record)
    const state = useWorkbenchStore.getState()
    expect(state.draft.prompt).toBe('a dancer on a stage')
    expect(state.draft.controlnet.units).toMatchObject([
      { enabled: true, control_type: 'depth', module: 'depth_midas' },
      { enabled: true, control_type: 'OpenPose', module: 'openpose' },
    ])
    expect(state.controlImages.map((image) => image?.source)).toEqual([
      fromResult(record),
      linked('pose').source,
    ])
    expect(state.controlImages[0]).toMatchObject({ width: 32, height: 32, needsUpload: false })
    expect(state.source).toEqual(linked('base'))

    // The workbench shows it: the ControlNet tab, and unit 1's slot holding the result.
    expect(await screen.findByRole('tab', { name: 'ControlNet' })).toHaveAttribute('aria-selected', 'true')
    const unit = screen.getByRole('group', { name: 'ControlNet units' })
    expect(within(unit).getByRole('group', { name: /^Control image \(unit 1\): / })).toHaveTextContent(
      /image 1/,
    )
  })

  it('adds a unit when the workbench has none, and leaves an empty base image empty', async () => {
    const main = await newMain()
    const record = makeTaskRecord({ images: [await cachedResult(main, 'edges')] })
    useWorkbenchStore.getState().setControlNet({ units: [], images: [] })

    await sendToControlNet(main, record)
    const state = useWorkbenchStore.getState()
    expect(state.draft.controlnet.units).toHaveLength(1)
    expect(state.draft.controlnet.units[0]).toMatchObject({ enabled: true, control_type: 'canny' })
    expect(state.controlImages.map((image) => image?.source)).toEqual([fromResult(record)])
    expect(state.source).toBeNull()
  })

  it("a ControlNet task's result brings that task's units and endpoint, the result in the first", async () => {
    const main = await newMain()
    const base = makeImageTaskRecord(
      'controlnet',
      [0, 1].map((unit) =>
        makeTaskInput({ role: 'control', unit, url: `https://in.example/${unit}.png`, cacheKey: null }),
      ),
      { prompt: 'a castle', images: [await cachedResult(main, 'castle')] },
    )
    const args = [
      { control_type: 'depth', module: 'depth_zoe', weight: 0.6, image_link: 'https://in.example/0.png' },
      { control_type: 'lineart', module: 'lineart_realistic', image_link: 'https://in.example/1.png' },
    ]
    if (!isSdTask(base)) throw new Error('makeImageTaskRecord made a tool task')
    const record: TaskRecord = {
      ...base,
      kind: 'controlnet',
      endpoint: 'text2image-v3',
      params: controlNetParamsSchema.parse({
        ...base.params,
        alwayson_scripts: { ...base.params.alwayson_scripts, controlnet: { args } },
      }),
    }

    await sendToControlNet(main, record)
    const state = useWorkbenchStore.getState()
    expect(state.draft.prompt).toBe('a castle')
    expect(state.draft.controlnet.endpoint).toBe('text2image-v3')
    expect(state.draft.controlnet.units).toMatchObject([
      { control_type: 'depth', module: 'depth_zoe', weight: 0.6, enabled: true },
      { control_type: 'lineart', module: 'lineart_realistic' },
    ])
    expect(state.controlImages.map((image) => image?.source ?? null)).toEqual([fromResult(record), null])
  })
})
