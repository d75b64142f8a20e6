import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { resultDragData, resultDragType } from '../../../renderer/src/features/sources'
import type { WorkbenchMode } from '../../../renderer/src/features/workbench/modes'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { renderWorkbench, validDraft } from './workbench-driver'

const slowUi = { timeout: 20_000 }

/** What a drag carries as the tabs and slots see it (jsdom has no DataTransfer). */
const dragOf = (types: readonly string[], data: Record<string, string> = {}) => ({
  dataTransfer: { types, files: [], dropEffect: 'none', getData: (type: string) => data[type] ?? '' },
})
/** A result of task iow-9 being dragged (not in the image cache, so the slot asks main for nothing). */
const resultDrag = () => dragOf([resultDragType], { [resultDragType]: resultDragData('iow-9', 0, null) })

const tab = (name: string) => screen.getByRole('tab', { name })
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms))
const mode = () => useWorkbenchStore.getState().mode

async function renderInMode(start: WorkbenchMode, language: 'en' | 'zh-CN' = 'en') {
  const rendered = await renderWorkbench({ language, draft: validDraft, state: { mode: start } })
  vi.useFakeTimers()
  return rendered
}

describe('spring-loaded mode tabs', slowUi, () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('switches from text to image to image to image when a dragged result rests on its tab for 600 ms, and the drop lands on the slot', async () => {
    await renderInMode('text2image')
    fireEvent.dragEnter(tab('Image to image'), resultDrag())
    expect(tab('Image to image')).toHaveAttribute('data-spring-armed', 'true')
    fireEvent.dragOver(tab('Image to image'), resultDrag())
    await wait(599)
    expect(tab('Text to image')).toHaveAttribute('aria-selected', 'true')
    await wait(1)
    expect(tab('Image to image')).toHaveAttribute('aria-selected', 'true')
    expect(tab('Image to image')).not.toHaveAttribute('data-spring-armed')

    vi.useRealTimers()
    const slot = screen.getByRole('group', { name: 'Source image' })
    fireEvent.dragEnter(slot, resultDrag())
    fireEvent.dragOver(slot, resultDrag())
    fireEvent.drop(slot, resultDrag())
    await waitFor(() =>
      expect(useWorkbenchStore.getState().source?.source).toEqual({
        type: 'result',
        taskId: 'iow-9',
        index: 0,
      }),
    )
    expect(within(slot).getByText('Task iow-9 image 1')).toBeInTheDocument()
  })

  it.each<[string, WorkbenchMode, string]>([
    ['Inpaint', 'inpaint', 'Source image'],
    ['ControlNet', 'controlnet', 'Base image'],
  ])('switches to %s the same way, showing its slot', async (name, target, slotName) => {
    await renderInMode('text2image')
    fireEvent.dragEnter(tab(name), resultDrag())
    await wait(600)
    expect(mode()).toBe(target)
    expect(tab(name)).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('group', { name: slotName })).toBeInTheDocument()
  })

  it('does the same on the Chinese tabs', async () => {
    await renderInMode('text2image', 'zh-CN')
    fireEvent.dragEnter(tab('局部重绘'), dragOf(['text/uri-list', resultDragType]))
    await wait(600)
    expect(mode()).toBe('inpaint')
  })

  it('stays when the drag leaves the tab or drops before the delay', async () => {
    await renderInMode('text2image')
    fireEvent.dragEnter(tab('Inpaint'), resultDrag())
    expect(tab('Inpaint')).toHaveAttribute('data-spring-armed', 'true')
    await wait(400)
    fireEvent.dragLeave(tab('Inpaint'), resultDrag())
    expect(tab('Inpaint')).not.toHaveAttribute('data-spring-armed')
    await wait(1000)
    expect(mode()).toBe('text2image')

    fireEvent.dragEnter(tab('Inpaint'), resultDrag())
    await wait(400)
    fireEvent.drop(tab('Inpaint'), resultDrag())
    await wait(1000)
    expect(mode()).toBe('text2image')
  })

  it('ignores the text to image tab, which has no slot, and drags that are not a result', async () => {
    await renderInMode('image2image')
    fireEvent.dragEnter(tab('Text to image'), resultDrag())
    fireEvent.dragEnter(tab('ControlNet'), dragOf(['Files']))
    fireEvent.dragEnter(tab('Inpaint'), dragOf(['text/uri-list', 'text/plain']))
    await wait(2000)
    expect(mode()).toBe('image2image')
    for (const name of ['Text to image', 'ControlNet', 'Inpaint']) {
      expect(tab(name)).not.toHaveAttribute('data-spring-armed')
    }
  })
})
