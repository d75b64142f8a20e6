import { act, render, screen } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { beforeEach, describe, expect, it } from 'vitest'
import { text2ImageParamsSchema, type TaskRecord, type TaskStatus } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { ResultsStage } from '../../../renderer/src/features/results'
import { useTasksStore } from '../../../renderer/src/features/workbench/tasks-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { answersToHandlers, createInProcessMain } from '../../support/in-process-main'

const params = text2ImageParamsSchema.parse({
  prompt: 'a lighthouse at dusk',
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
})

const image = (id: string, seed: number) => ({
  url: `https://img.example/${id}.png`,
  seed,
  status: 1,
  auditPassed: true,
  auditLabels: [],
  cacheKey: id.padEnd(64, '0'),
})

const task = (id: string, status: TaskStatus, createdAt: number, seed?: number): TaskRecord => ({
  id,
  kind: 'text2image',
  profileId: 'demo',
  profileName: 'Demo',
  params,
  status,
  description: null,
  createdAt,
  updatedAt: createdAt,
  finishedAt: status === 'succeeded' ? createdAt + 1500 : null,
  error: null,
  images: seed === undefined ? [] : [image(id, seed)],
})

async function renderStage(records: TaskRecord[], language: 'en' | 'zh-CN' = 'en') {
  const main = createInProcessMain(
    answersToHandlers({
      'images.get': { ok: true, value: { dataUrl: 'data:image/webp;base64,AAAA' } },
      'history.list': { ok: true, value: { items: [], total: 0 } },
    }),
  )
  useTasksStore.getState().load(records, [])
  const i18n = await createI18n(language)
  render(
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={createClient(main.transport)}>
        <ResultsStage />
      </ClientProvider>
    </I18nextProvider>,
  )
}

const stage = () => screen.getByRole('region', { name: /Latest result|最新结果/ })

describe('the results stage', () => {
  beforeEach(() => useTasksStore.setState({ tasks: [] }))

  it('shows a lone Generate at once, before the service has started it', async () => {
    await renderStage([task('iow-old', 'succeeded', 1000, 11), task('iow-new', 'submitting', 9000)])
    expect(stage()).toHaveTextContent('Sending…')
  })

  it('keeps the newest result in view while later tasks of a batch still wait to start', async () => {
    await renderStage([
      task('iow-1', 'succeeded', 1000, 11),
      task('iow-2', 'queued', 1100),
      task('iow-3', 'submitting', 1200),
    ])
    expect(stage()).toHaveTextContent('Result 1, seed 11')
    expect(stage()).not.toHaveTextContent("Waiting in the service's queue…")
  })

  it('moves to a batch task as soon as it runs, and to its result when it is done', async () => {
    await renderStage(
      [task('iow-1', 'succeeded', 1000, 11), task('iow-2', 'queued', 1100), task('iow-3', 'queued', 1200)],
      'zh-CN',
    )
    expect(stage()).toHaveTextContent('种子 11')
    act(() => useTasksStore.getState().upsertRecord(task('iow-2', 'running', 1100)))
    expect(screen.getByRole('progressbar')).toBeInTheDocument()
    act(() => useTasksStore.getState().upsertRecord(task('iow-2', 'succeeded', 1100, 22)))
    expect(stage()).toHaveTextContent('种子 22')
    expect(stage()).not.toHaveTextContent('种子 11')
  })
})
