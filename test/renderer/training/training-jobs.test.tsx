import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TrainingTaskRecord } from '#contract'
import { useTrainingStore } from '../../../renderer/src/features/training'
import { useTempDirs } from '../../support/temp-dir'
import { createTrainingMain, pngFile } from '../../support/training-main'
import { renderTraining } from './training-driver'

const sha = (n: number) => n.toString(16).padStart(64, '0')

/** A training job as main records it, running and watched. */
const runningJob = (id: string): TrainingTaskRecord => ({
  id,
  kind: 'training',
  profileId: 'demo',
  profileName: 'Demo (offline simulator)',
  status: 'running',
  description: null,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  finishedAt: null,
  error: null,
  images: [],
  params: { maxEpochs: 10, callbackUrl: 'https://hooks.example/train' },
  start: 'quick',
  stage: 'training',
  dataset: Array.from({ length: 10 }, (_, index) => ({
    name: `face-${index}.png`,
    path: null,
    sha256: sha(index + 1),
    width: 640,
    height: 640,
    format: 'png' as const,
    bytes: 9000,
    cacheKey: sha(index + 1),
    url: `https://uploads.example/${index}.png`,
    urlExpiresAt: null,
    storageObject: null,
  })),
  keepUploads: false,
  linkLifetimeDays: 7,
  triggerWords: ['sks face'],
  loraHint: 'sksface',
  knownLoras: [],
  lora: null,
  statusRequest: null,
  statusAnswer: null,
})

describe('the Training screen: submit and jobs', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs()
  let main: ReturnType<typeof createTrainingMain> | undefined
  beforeEach(() => useTrainingStore.setState(useTrainingStore.getInitialState(), true))
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  it('sends ten pictures with the starting point, trigger words and 7-day links', async () => {
    main = createTrainingMain(await tempDir(), {
      'history.list': () => ({ items: [], total: 0, nextCursor: null }),
      'training.submit': () => ({ taskId: 'train-1', linkLifetimeShort: false }),
    })
    const { ui, user } = await renderTraining(main)
    await ui.addPictures(Array.from({ length: 10 }, (_, index) => pngFile(`face-${index}.png`, 600, 600)))
    const submit = screen.getByRole('button', { name: 'Upload and start training' })
    await waitFor(() => expect(submit).toBeEnabled(), { timeout: 30_000 })
    await user.click(screen.getByRole('button', { name: /^Quick/ }))
    expect(screen.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue(10)
    await user.type(screen.getByLabelText('Trigger words'), 'sks face, portrait')
    expect(screen.getByTestId('training-preflight')).toHaveTextContent(
      '10 pictures × 5 repeats × 10 epochs ÷ batch 2 ≈ 250 steps',
    )
    await user.click(submit)
    await screen.findByText('Job train-1 recorded and sent. Follow it on the right.')
    const [sent] = main.inputsOf('training.submit') as Record<string, unknown>[]
    expect(sent).toMatchObject({
      start: 'quick',
      triggerWords: ['sks face', 'portrait'],
      keepUploads: false,
      linkLifetimeDays: 7,
      params: { maxEpochs: 10, batchSize: 2, learningRate: '0.0001', resolution: 512 },
    })
    expect(sent?.datasetCacheKeys).toHaveLength(10)
  })

  it('warns about short links and offers the 7-day maximum', async () => {
    main = createTrainingMain(await tempDir(), {
      'history.list': () => ({ items: [], total: 0, nextCursor: null }),
    })
    const { user } = await renderTraining(main, 'zh-CN')
    await user.selectOptions(screen.getByRole('combobox', { name: '图片链接有效期' }), '1')
    const warning = screen.getByRole('note')
    expect(warning).toHaveTextContent('1 天可能不够')
    await user.click(within(warning).getByRole('button', { name: '使用最长 7 天' }))
    expect(screen.getByRole('combobox', { name: '图片链接有效期' })).toHaveValue('7')
    expect(screen.queryByText(/可能不够/)).toBeNull()
  })

  it('says in Chinese how the watch of a job stands, from the numbers main keeps', async () => {
    const job: TrainingTaskRecord = {
      ...runningJob('train-8'),
      tracking: { code: 'watching', checks: 3, loraCount: 41, checkedAt: 1_700_000_100_000 },
    }
    main = createTrainingMain(await tempDir(), {
      'history.list': () => ({ items: [job], total: 1, nextCursor: null }),
    })
    await renderTraining(main, 'zh-CN')
    const card = await screen.findByRole('listitem', { name: '训练任务 sksface' })
    const tracking = within(card).getByRole('list', { name: '此任务的跟踪方式' })
    expect(tracking).toHaveTextContent(
      /已检查 3 次，最近一次在 \d{1,2}:\d{2}:\d{2}：列表中有 41 个 LoRA，还没有此任务的。/,
    )
    const unread: TrainingTaskRecord = {
      ...job,
      tracking: { code: 'list_unread', checks: 4, loraCount: null, checkedAt: 1_700_000_200_000 },
    }
    act(() => main?.emit('tasks.changed', unread))
    await waitFor(() =>
      expect(tracking).toHaveTextContent(
        /已检查 4 次，最近一次在 \d{1,2}:\d{2}:\d{2}：无法读取 LoRA 列表，下次检查会再试。/,
      ),
    )
    expect(card).not.toHaveTextContent(/[A-Z][a-z]+ the LoRA list/)
    // When the job was made, written as a Chinese reader writes a date (not 11/14/2023, 10:13 PM).
    expect(card).toHaveTextContent(/\d{4}年\d{1,2}月\d{1,2}日/)
    expect(card).not.toHaveTextContent(/[AP]M/)
  })

  it("says in Chinese why a job failed, with main's own words after it", async () => {
    const job: TrainingTaskRecord = {
      ...runningJob('train-9'),
      status: 'failed',
      stage: 'uploading',
      finishedAt: 1_700_000_050_000,
      error: { code: 'network', message: 'Uploading face-3.png failed: connect ECONNREFUSED' },
    }
    main = createTrainingMain(await tempDir(), {
      'history.list': () => ({ items: [job], total: 1, nextCursor: null }),
    })
    await renderTraining(main, 'zh-CN')
    const card = await screen.findByRole('listitem', { name: '训练任务 sksface' })
    expect(card).toHaveTextContent('无法连接到服务。请检查网络或接口地址。')
    expect(card).toHaveTextContent('Uploading face-3.png failed: connect ECONNREFUSED')
  })

  it('says honestly how a job is followed, marks it done by name, and links its LoRA', async () => {
    const job = runningJob('train-7')
    main = createTrainingMain(await tempDir(), {
      'history.list': () => ({ items: [job], total: 1, nextCursor: null }),
      'training.markDone': () => ({ presetId: 'p1' }),
    })
    const { user, onOpenLora, onOpenHistory } = await renderTraining(main)
    const card = await screen.findByRole('listitem', { name: 'Training job sksface' })
    expect(within(card).getByText('Training')).toBeInTheDocument()
    const tracking = within(card).getByRole('list', { name: 'How this job is followed' })
    expect(tracking).toHaveTextContent(
      'The app watches the LoRA list of “Demo (offline simulator)” and marks the job done when a new LoRA named like “sksface” appears.',
    )
    expect(tracking).toHaveTextContent('Your callback URL https://hooks.example/train gets the service')
    await user.click(within(card).getByRole('button', { name: 'Mark done…' }))
    const dialog = screen.getByRole('dialog', { name: 'Mark the job done' })
    await user.clear(within(dialog).getByLabelText('LoRA file name'))
    await user.type(within(dialog).getByLabelText('LoRA file name'), 'sksface_v1.safetensors')
    await user.click(within(dialog).getByRole('button', { name: 'Mark done and add to the library' }))
    expect(main.inputsOf('training.markDone')).toEqual([
      { taskId: 'train-7', loraName: 'sksface_v1.safetensors' },
    ])

    const done: TrainingTaskRecord = {
      ...job,
      status: 'succeeded',
      stage: 'ended',
      finishedAt: job.createdAt + 1000,
      lora: {
        fileName: 'sksface_v1.safetensors',
        displayName: 'sksface v1',
        presetId: 'p1',
        foundBy: 'user',
      },
    }
    act(() => main?.emit('tasks.changed', done))
    const finished = await screen.findByRole('listitem', { name: 'Training job sksface v1' })
    expect(within(finished).queryByRole('button', { name: 'Mark done…' })).toBeNull()
    await user.click(
      within(finished).getByRole('button', { name: 'Added to the preset library: sksface v1' }),
    )
    expect(onOpenLora).toHaveBeenCalledWith('sksface_v1.safetensors')
    await user.click(within(finished).getByRole('button', { name: 'Details in the history' }))
    expect(onOpenHistory).toHaveBeenCalledWith('train-7')
  })
})
