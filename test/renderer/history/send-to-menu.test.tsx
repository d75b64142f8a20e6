import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { useToolsStore } from '../../../renderer/src/features/tools'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { makeTaskRecord } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { withCanvasShim } from '../workbench/canvas-shim'
import { cachedResult, renderHistoryApp, taskList, withHistoryMains, type HistoryMain } from './app-driver'
import { giveTheListASize } from './screen-helpers'

const oldest = 1_700_000_000_000

/** A finished task, a running one, and a finished one whose first image was never cached (newest). */
async function threeTasks(main: HistoryMain) {
  const finished = makeTaskRecord({
    prompt: 'a lighthouse at dusk',
    params: { steps: 33 },
    createdAt: oldest,
    images: [await cachedResult(main, 'lighthouse')],
  })
  const running = makeTaskRecord({ prompt: 'still drawing', status: 'running', createdAt: oldest + 1000 })
  const uncachedFirst = makeTaskRecord({
    prompt: 'two boats',
    createdAt: oldest + 2000,
    images: [{ ...(await cachedResult(main, 'boat-a')), cacheKey: null }, await cachedResult(main, 'boat-b')],
  })
  return { finished, running, uncachedFirst }
}

const row = (prompt: string) => within(taskList()).findByRole('option', { name: prompt })
const menu = (name: string) => screen.getByRole('menu', { name })
const resultSource = (record: TaskRecord, index: number) => ({ type: 'result', taskId: record.id, index })

describe('"send to" from the history list and grid', { timeout: 30_000 }, () => {
  const newMain = withHistoryMains(useTempDirs())
  let restoreSize: () => void
  beforeAll(() => {
    restoreSize = giveTheListASize()
  })
  afterAll(() => restoreSize())
  // Inpaint shows the mask painter, which draws on a canvas.
  withCanvasShim()

  it("sends a list row's result to inpaint from its menu button", async () => {
    const main = await newMain()
    const { finished, running } = await threeTasks(main)
    const user = await renderHistoryApp(main, [finished, running])

    const lighthouse = await row('a lighthouse at dusk')
    await user.click(within(lighthouse).getByRole('button', { name: 'Actions…' }))
    const sendMenu = menu('Send image 1 to')
    expect(
      within(sendMenu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Send to img2img',
      'Send to inpaint',
      'Send to ControlNet',
      'Outpaint…',
      'Swap face…',
      'Detect faces',
      'Describe',
      'Use as preset preview…',
      'Send to workbench',
      'Re-run',
      'Copy parameters',
      'Copy task ID',
      'Delete task',
    ])
    expect(within(sendMenu).getByRole('menuitem', { name: 'Send to img2img' })).toHaveFocus()
    // Opening the menu neither selected the row nor opened its details.
    expect(lighthouse).toHaveAttribute('aria-selected', 'false')
    expect(useHistoryStore.getState().detailId).toBeNull()

    await user.click(within(sendMenu).getByRole('menuitem', { name: 'Send to inpaint' }))
    await waitFor(() => expect(useWorkbenchStore.getState().source).not.toBeNull())
    expect(useUiStore.getState().view).toBe('workbench')
    const workbench = useWorkbenchStore.getState()
    expect(workbench.mode).toBe('inpaint')
    expect(workbench.draft).toMatchObject({ prompt: 'a lighthouse at dusk', steps: 33 })
    expect(workbench.source).toMatchObject({ source: resultSource(finished, 0), width: 32, height: 32 })
  })

  it('opens the menu from the keyboard in the grid, moves with arrows, and Escape goes back', async () => {
    const main = await newMain()
    const { finished, running, uncachedFirst } = await threeTasks(main)
    useHistoryStore.getState().setView('grid')
    const user = await renderHistoryApp(main, [finished, running, uncachedFirst])
    await row('two boats')
    taskList().focus()

    // The newest task shows (and sends) its second image, the first it has a copy of.
    await user.keyboard('{Shift>}{F10}{/Shift}')
    const boats = menu('Send image 2 to')
    expect(within(boats).getByRole('menuitem', { name: 'Send to img2img' })).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(within(boats).getByRole('menuitem', { name: 'Send to inpaint' })).toHaveFocus()
    await user.keyboard('{End}')
    expect(within(boats).getAllByRole('menuitem').at(-1)).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(within(boats).getByRole('menuitem', { name: 'Send to img2img' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()
    expect(taskList()).toHaveFocus()

    // The running task has no result: its menu has the task's actions only.
    await user.keyboard('{ArrowRight}{Shift>}{F10}{/Shift}')
    const taskMenu = menu('Task actions')
    expect(within(taskMenu).queryByRole('menuitem', { name: 'Send to img2img' })).toBeNull()
    expect(within(taskMenu).getByRole('menuitem', { name: 'Copy task ID' })).toBeInTheDocument()
    await user.keyboard('{Escape}')

    await user.keyboard('{ArrowRight}')
    fireEvent.keyDown(taskList(), { key: 'ContextMenu' })
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(
      within(menu('Send image 1 to')).getByRole('menuitem', { name: 'Send to ControlNet' }),
    ).toHaveFocus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(useWorkbenchStore.getState().controlImages[0]).toBeTruthy())
    const workbench = useWorkbenchStore.getState()
    expect(workbench.mode).toBe('controlnet')
    expect(workbench.controlImages[0]?.source).toEqual(resultSource(finished, 0))
    expect(workbench.source).toBeNull()
  })

  it('opens a result in a tool of the Tools screen from the menu', async () => {
    const main = await newMain()
    const { finished } = await threeTasks(main)
    const user = await renderHistoryApp(main, [finished])
    await user.click(within(await row('a lighthouse at dusk')).getByRole('button', { name: 'Actions…' }))
    await user.click(within(menu('Send image 1 to')).getByRole('menuitem', { name: 'Detect faces' }))
    await waitFor(() => expect(useUiStore.getState().view).toBe('tools'))
    expect(await screen.findByRole('heading', { name: 'Face detection', level: 2 })).toBeInTheDocument()
    expect(useToolsStore.getState().forms.faceDetection?.imageUrl).toMatchObject({
      source: resultSource(finished, 0),
    })
  })

  it('closes the menu on a click elsewhere without sending anything', async () => {
    const main = await newMain()
    const { finished } = await threeTasks(main)
    const user = await renderHistoryApp(main, [finished])
    await user.click(within(await row('a lighthouse at dusk')).getByRole('button', { name: 'Actions…' }))
    expect(menu('Send image 1 to')).toBeInTheDocument()
    await user.click(screen.getByRole('heading', { name: 'History' }))
    expect(screen.queryByRole('menu')).toBeNull()
    expect(useUiStore.getState().view).toBe('history')
    expect(useWorkbenchStore.getState().mode).toBe('text2image')
  })

  it('speaks Chinese', async () => {
    const main = await newMain()
    const { finished } = await threeTasks(main)
    const user = await renderHistoryApp(main, [finished], 'zh-CN')
    await user.click(within(await row('a lighthouse at dusk')).getByRole('button', { name: '操作…' }))
    const sendMenu = menu('将图片 1 发送到')
    expect(
      within(sendMenu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent)
        .slice(0, 7),
    ).toEqual(['发送到图生图', '发送到局部重绘', '发送到 ControlNet', '外扩…', '换脸…', '检测人脸', '图转文'])
    await user.click(within(sendMenu).getByRole('menuitem', { name: '发送到图生图' }))
    await waitFor(() => expect(useWorkbenchStore.getState().source).not.toBeNull())
    expect(useWorkbenchStore.getState().mode).toBe('image2image')
    expect(useWorkbenchStore.getState().source?.source).toEqual(resultSource(finished, 0))
  })
})
