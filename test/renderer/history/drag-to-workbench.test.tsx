import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TaskRecord } from '#contract'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { resultDragType } from '../../../renderer/src/features/sources'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { makeTaskRecord } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { cachedResult, renderHistoryApp, taskList, withHistoryMains, type HistoryMain } from './app-driver'
import { giveTheListASize } from './screen-helpers'

/** jsdom has no DataTransfer: this one keeps what the drag source puts in, as a browser does. */
class DragData {
  private readonly data = new Map<string, string>()
  readonly files: File[] = []
  dropEffect = 'none'
  effectAllowed = 'all'
  get types() {
    return [...this.data.keys()]
  }
  setData(type: string, value: string) {
    this.data.set(type, value)
  }
  getData(type: string) {
    return this.data.get(type) ?? ''
  }
}

/** Rests the drag on the Workbench tab until it springs open, as the pointer would. */
async function restOnWorkbenchTab(dataTransfer: DragData) {
  vi.useFakeTimers()
  try {
    const tab = screen.getByRole('button', { name: 'Workbench' })
    fireEvent.dragEnter(tab, { dataTransfer })
    fireEvent.dragOver(tab, { dataTransfer })
    await act(() => vi.advanceTimersByTime(650))
  } finally {
    vi.useRealTimers()
  }
}

function dropOn(slot: HTMLElement, dataTransfer: DragData) {
  fireEvent.dragEnter(slot, { dataTransfer })
  fireEvent.dragOver(slot, { dataTransfer })
  fireEvent.drop(slot, { dataTransfer })
}

/** A finished task with one cached result, its details open in the history. */
async function finishedTask(main: HistoryMain): Promise<TaskRecord> {
  const record = makeTaskRecord({
    prompt: 'a lighthouse at dusk',
    images: [await cachedResult(main, 'light')],
  })
  useHistoryStore.getState().openDetail(record.id)
  return record
}

/** Starts dragging the first image of the open task's details. */
async function dragFromDetail() {
  const detail = await screen.findByRole('complementary', { name: 'Task details' })
  const image = await within(detail).findByRole('img', { name: 'Image 1' })
  const dataTransfer = new DragData()
  fireEvent.dragStart(image, { dataTransfer })
  expect(dataTransfer.types).toEqual([resultDragType])
  return dataTransfer
}

describe('dragging a result from the history onto the workbench', { timeout: 30_000 }, () => {
  const newMain = withHistoryMains(useTempDirs())
  let restoreSize: () => void
  beforeAll(() => {
    restoreSize = giveTheListASize()
  })
  afterAll(() => restoreSize())
  afterEach(() => {
    vi.useRealTimers()
  })

  it("lands on img2img's source slot after the Workbench tab springs open", async () => {
    const main = await newMain()
    useWorkbenchStore.getState().setMode('image2image')
    const record = await finishedTask(main)
    await renderHistoryApp(main, [record])
    const dataTransfer = await dragFromDetail()

    await restOnWorkbenchTab(dataTransfer)
    expect(useUiStore.getState().view).toBe('workbench')
    const slot = await screen.findByRole('group', { name: 'Source image' })
    dropOn(slot, dataTransfer)

    await waitFor(() => expect(useWorkbenchStore.getState().source).not.toBeNull())
    expect(useWorkbenchStore.getState().source).toMatchObject({
      source: { type: 'result', taskId: record.id, index: 0 },
      width: 32,
      height: 32,
      needsUpload: false,
    })
    // Dropping only fills the slot: the mode and the draft stay as the user had them.
    expect(useWorkbenchStore.getState().mode).toBe('image2image')
    expect(useWorkbenchStore.getState().draft.prompt).not.toBe('a lighthouse at dusk')
  })

  it("lands on a ControlNet unit's image slot", async () => {
    const main = await newMain()
    useWorkbenchStore.getState().setMode('controlnet')
    const record = await finishedTask(main)
    await renderHistoryApp(main, [record])
    const dataTransfer = await dragFromDetail()

    await restOnWorkbenchTab(dataTransfer)
    const slot = await screen.findByRole('group', { name: 'Control image (unit 1)' })
    dropOn(slot, dataTransfer)

    await waitFor(() => expect(useWorkbenchStore.getState().controlImages[0]).toBeTruthy())
    expect(useWorkbenchStore.getState().controlImages[0]?.source).toEqual({
      type: 'result',
      taskId: record.id,
      index: 0,
    })
    expect(useWorkbenchStore.getState().source).toBeNull()
  })

  it("drags a list row's result from its thumbnail", async () => {
    const main = await newMain()
    const record = makeTaskRecord({
      prompt: 'two boats',
      images: [{ ...(await cachedResult(main, 'a')), cacheKey: null }, await cachedResult(main, 'b')],
    })
    await renderHistoryApp(main, [record])
    const row = await within(taskList()).findByRole('option', { name: 'two boats' })
    const thumbnail = await within(row).findByRole('img', { name: 'Thumbnail' })
    const dataTransfer = new DragData()
    fireEvent.dragStart(thumbnail, { dataTransfer })
    expect(JSON.parse(dataTransfer.getData(resultDragType))).toEqual({
      taskId: record.id,
      index: 1,
      cacheKey: record.images[1]?.cacheKey,
    })
  })
})
