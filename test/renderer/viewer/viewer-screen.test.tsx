import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { useViewerStore } from '../../../renderer/src/features/viewer'
import { makeTaskRecord } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { cachedResult, renderHistoryApp, taskList, withHistoryMains } from '../history/app-driver'
import { giveTheListASize } from '../history/screen-helpers'

describe('the viewer and the lineage, over the real history store', () => {
  const tempDir = useTempDirs()
  const newMain = withHistoryMains(tempDir)
  let restoreLayout = () => undefined as void
  beforeEach(() => {
    restoreLayout = giveTheListASize()
  })
  afterEach(() => restoreLayout())
  const closeViewer = () =>
    useViewerStore.setState({ records: [], position: null, compare: null, compareMark: null })

  it('opens a detail image full size, walks on into the next task with the arrows, and closes with Esc', async () => {
    closeViewer()
    const main = await newMain()
    const older = makeTaskRecord({
      prompt: 'an old mill by a river',
      createdAt: 1_700_000_000_000,
      images: [await cachedResult(main, 'mill', 31)],
    })
    const newer = makeTaskRecord({
      prompt: 'a red fox in snow',
      createdAt: 1_700_000_100_000,
      images: [await cachedResult(main, 'fox-1', 11), await cachedResult(main, 'fox-2', 12)],
    })
    useHistoryStore.getState().openDetail(newer.id)
    const user = await renderHistoryApp(main, [older, newer])
    const detail = await screen.findByRole('complementary', { name: 'Task details' })
    const images = within(detail).getByRole('list', { name: 'Images' })
    await user.click(within(images).getAllByRole('button', { name: 'Open full size' })[1] as HTMLElement)
    const viewer = await screen.findByRole('dialog', { name: 'Image viewer' })
    await waitFor(() =>
      expect(within(viewer).getByTestId('viewer-counter')).toHaveTextContent('Image 2 of 2 · task 1 of 2'),
    )
    expect(within(viewer).getByTestId('viewer-seed')).toHaveTextContent('12')
    expect(await within(viewer).findByText(/Seed: 12/)).toBeInTheDocument()
    await user.keyboard('{ArrowRight}')
    expect(within(viewer).getByTestId('viewer-counter')).toHaveTextContent('Image 1 of 1 · task 2 of 2')
    expect(within(viewer).getByTestId('viewer-seed')).toHaveTextContent('31')
    await user.keyboard('{ArrowUp}')
    expect(within(viewer).getByTestId('viewer-counter')).toHaveTextContent('Image 1 of 2 · task 1 of 2')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Image viewer' })).not.toBeInTheDocument()
    expect(screen.getByRole('complementary', { name: 'Task details' })).toBeInTheDocument()
  })

  it('shows where a task came from, step by step, each earlier task openable', async () => {
    closeViewer()
    const main = await newMain()
    const first = makeTaskRecord({
      prompt: 'a castle at dawn',
      images: [await cachedResult(main, 'castle', 5)],
      origin: { kind: 'preset', label: 'Photon v1' },
    })
    const second = makeTaskRecord({
      prompt: 'a castle at dawn, storm',
      images: [await cachedResult(main, 'storm', 6)],
      origin: { kind: 'sendTo', taskId: first.id, imageIndex: 0, label: 'image2image' },
    })
    const third = makeTaskRecord({
      prompt: 'a castle at dawn, storm, night',
      images: [await cachedResult(main, 'night', 7)],
      origin: { kind: 'rerun', taskId: second.id },
    })
    useHistoryStore.getState().openDetail(third.id)
    const user = await renderHistoryApp(main, [first, second, third])
    const detail = await screen.findByRole('complementary', { name: 'Task details' })
    const chain = await within(detail).findByRole('region', { name: 'Came from' })
    await waitFor(() => expect(within(chain).getAllByRole('listitem')).toHaveLength(3))
    const steps = within(chain).getAllByRole('listitem')
    expect(steps[0]).toHaveTextContent('Re-run of“a castle at dawn, storm”')
    expect(steps[1]).toHaveTextContent('Sent to img2img from result 1 of“a castle at dawn”')
    expect(steps[2]).toHaveTextContent('Preset “Photon v1” applied')
    await user.click(within(steps[1] as HTMLElement).getByRole('button', { name: '“a castle at dawn”' }))
    const viewer = await screen.findByRole('dialog', { name: 'Image viewer' })
    expect(within(viewer).getByTestId('viewer-seed')).toHaveTextContent('5')
    await user.keyboard('{Escape}')
  })

  it('names the lineage in Chinese, and says when an earlier task is gone', async () => {
    closeViewer()
    const main = await newMain()
    const orphan = makeTaskRecord({
      prompt: 'a harbour',
      images: [await cachedResult(main, 'harbour', 8)],
      origin: { kind: 'rerun', taskId: 'deleted-task' },
    })
    useHistoryStore.getState().openDetail(orphan.id)
    await renderHistoryApp(main, [orphan], 'zh-CN')
    const detail = await screen.findByRole('complementary', { name: '任务详情' })
    const chain = await within(detail).findByRole('region', { name: '来源' })
    await waitFor(() =>
      expect(within(chain).getByRole('listitem')).toHaveTextContent(
        '重新运行自任务 deleted-task（已不在历史记录中）',
      ),
    )
  })

  it('opens the focused task of the list full size with V, and a row picture with a click', async () => {
    closeViewer()
    const main = await newMain()
    const record = makeTaskRecord({ prompt: 'a quiet lake', images: [await cachedResult(main, 'lake', 21)] })
    const user = await renderHistoryApp(main, [record])
    const row = await within(taskList()).findByRole('option', { name: 'a quiet lake' })
    await user.click(row)
    await user.keyboard('v')
    const viewer = await screen.findByRole('dialog', { name: 'Image viewer' })
    expect(within(viewer).getByTestId('viewer-seed')).toHaveTextContent('21')
    await user.keyboard('{Escape}')
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Image viewer' })).not.toBeInTheDocument(),
    )
    await user.click(within(row).getByTitle('Open full size'))
    expect(await screen.findByRole('dialog', { name: 'Image viewer' })).toBeInTheDocument()
    await user.keyboard('{Escape}')
  })
})
