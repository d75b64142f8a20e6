import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useTrainingStore } from '../../../renderer/src/features/training'
import { useTempDirs } from '../../support/temp-dir'
import { createTrainingMain, pngFile } from '../../support/training-main'
import { renderTraining } from './training-driver'

describe('the Training screen: pictures', { timeout: 30_000 }, () => {
  const tempDir = useTempDirs()
  let main: ReturnType<typeof createTrainingMain> | undefined
  beforeEach(() => useTrainingStore.setState(useTrainingStore.getInitialState(), true))
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  it('shows each picture with its size and format, and names every problem before anything is sent', async () => {
    main = createTrainingMain(await tempDir())
    const { ui } = await renderTraining(main)
    act(() => useTrainingStore.getState().setField('resolution', '512'))
    const files = [
      ...Array.from({ length: 8 }, (_, index) => pngFile(`face-${index}.png`, 640, 576)),
      pngFile('copy-of-face-0.png', 640, 576, 'face-0.png'),
      pngFile('tiny.png', 300, 200),
      new File(['not a picture'], 'broken.png', { type: 'image/png' }),
    ]
    await ui.addPictures(files)
    await waitFor(() => expect(within(ui.grid()).queryAllByText('Reading…')).toHaveLength(0), {
      timeout: 20_000,
    })

    expect(within(ui.tile('face-3.png')).getByText('640×576 · PNG', { exact: false })).toBeInTheDocument()
    expect(within(ui.tile('copy-of-face-0.png')).getByRole('note')).toHaveTextContent(
      'Same picture as face-0.png. Left out.',
    )
    expect(within(ui.tile('tiny.png')).getByRole('note')).toHaveTextContent(
      '200 px on its short side, under the 512 px resolution.',
    )
    expect(within(ui.tile('broken.png')).getByRole('note')).toHaveTextContent('Unreadable')
    const problems = screen.getByRole('list', { name: 'Problems with the pictures' })
    expect(problems).toHaveTextContent('Too few pictures: 9, the service needs at least 10.')
    expect(screen.getByText('9 pictures to train on')).toBeInTheDocument()
    // Read into the image cache only: nothing went to storage or the service.
    expect(main.calls.map((call) => call.method).filter((name) => name.startsWith('training.'))).toEqual([])
    expect(screen.getByRole('button', { name: 'Upload and start training' })).toBeDisabled()
  })

  it('passes over caption files in a folder, and speaks Chinese', async () => {
    main = createTrainingMain(await tempDir())
    const { ui, user } = await renderTraining(main, 'zh-CN')
    const caption = new File(['a photo of sks'], 'face-0.txt', { type: 'text/plain' })
    await user.upload(screen.getByLabelText('选择文件夹…'), [pngFile('face-0.png', 64, 64), caption])
    await waitFor(() => expect(within(ui.grid()).queryAllByText('正在读取…')).toHaveLength(0), {
      timeout: 20_000,
    })
    expect(screen.getByText('1 张图片用于训练 · 已跳过 1 个非图片文件')).toBeInTheDocument()
    expect(screen.getByRole('list', { name: '图片的问题' })).toHaveTextContent(
      '图片太少：1 张，服务至少需要 10 张。',
    )
    await user.click(screen.getByRole('button', { name: '移除 face-0.png' }))
    expect(screen.queryByRole('list', { name: '训练图片' })).toBeNull()
  })
})
