import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { text2ImageParamsSchema, type TaskProgress, type TaskRecord } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { TasksPanel } from '../../../renderer/src/features/workbench/TasksPanel'
import { useTasksStore } from '../../../renderer/src/features/workbench/tasks-store'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { resultDragType } from '../../../renderer/src/features/sources'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { answersToHandlers, createInProcessMain } from '../../support/in-process-main'

const params = text2ImageParamsSchema.parse({
  prompt: 'a lighthouse at dusk',
  alwayson_scripts: { sd_model_checkpoint: 'revAnimated_v122_7371.safetensors' },
})

const task = (patch: Partial<Omit<TaskRecord, 'kind' | 'params'>>): TaskRecord => ({
  id: 'iow-1',
  kind: 'text2image',
  profileId: 'demo',
  profileName: 'Demo',
  params,
  status: 'running',
  description: null,
  createdAt: Date.now() - 3000,
  updatedAt: Date.now(),
  finishedAt: null,
  error: null,
  images: [],
  ...patch,
})

function mainProcess(active: TaskRecord[]) {
  const main = createInProcessMain(
    answersToHandlers({
      'tasks.active': { ok: true, value: { tasks: active, progress: [] } },
      'tasks.retry': { ok: true, value: { taskId: 'iow-1' } },
      'tasks.stopTracking': { ok: true, value: { taskId: 'iow-1' } },
      'tasks.refresh': { ok: true, value: { taskId: 'iow-1' } },
      'images.get': { ok: true, value: { dataUrl: 'data:image/webp;base64,AAAA' } },
    }),
  )
  const push = (name: string, payload: unknown) => act(() => main.emit(name, payload))
  return { transport: main.transport, calls: main.calls, push }
}

async function renderPanel(active: TaskRecord[], language: 'en' | 'zh-CN' = 'en') {
  const main = mainProcess(active)
  const i18n = await createI18n(language)
  render(
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={createClient(main.transport)}>
        <TasksPanel />
      </ClientProvider>
    </I18nextProvider>,
  )
  return main
}

describe('live task cards', () => {
  beforeEach(() => useTasksStore.setState({ tasks: [] }))

  it('shows a task still running when the window opens, then its progress and its results', async () => {
    const main = await renderPanel([task({})])
    const card = await screen.findByRole('article', { name: 'Task iow-1' })
    expect(within(card).getByText('Generating')).toBeInTheDocument()
    const progress: TaskProgress = {
      id: 'iow-1',
      status: 'running',
      percent: 40,
      previewImage: 'data:image/png;base64,AAAA',
      startedAt: Date.now() - 3000,
      etaMs: 4000,
    }
    main.push('tasks.progress', progress)
    expect(within(card).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('value', '40')
    expect(within(card).getByText(/40% · 3 s elapsed · about 4 s left/)).toBeInTheDocument()
    expect(within(card).getByRole('img', { name: 'Intermediate image' })).toBeInTheDocument()

    const image = {
      url: 'https://x/1.png',
      seed: 777,
      status: 1,
      auditPassed: false,
      auditLabels: ['nsfw'],
      cacheKey: 'a'.repeat(64),
    }
    main.push('tasks.changed', task({ status: 'succeeded', images: [image] }))
    expect(await within(card).findByRole('img', { name: 'Result 1 (seed 777)' })).toHaveAttribute(
      'src',
      'data:image/webp;base64,AAAA',
    )
    expect(within(card).getByRole('note')).toHaveTextContent("Flagged by the service's content check: nsfw")
    expect(within(card).queryByRole('progressbar')).toBeNull()
    expect(useWorkbenchStore.getState().lastSeed).toBe(777)
  })

  it('explains a failed task in the user language and retries it with the same id when a retry can help', async () => {
    const main = await renderPanel([], 'zh-CN')
    main.push(
      'tasks.changed',
      task({ status: 'failed', error: { code: 'server', message: 'Service error.' } }),
    )
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('服务的临时故障：重试通常可以解决')
    await userEvent.click(within(alert).getByRole('button', { name: '使用相同任务 ID 重试' }))
    expect(main.calls).toContainEqual({ method: 'tasks.retry', input: { taskId: 'iow-1' } })
  })

  it('shows the field and reason the service rejected, the fix, and no retry that cannot help', async () => {
    const rejected = {
      code: 'invalid_request' as const,
      message: 'The Img Open service rejected a parameter of the request.',
      details: {
        field: 'alwayson_scripts.sd_model_checkpoint',
        serviceMessage: 'invalid parameter: unknown model "dreamshaper_8"',
      },
    }
    const main = await renderPanel([])
    main.push('tasks.changed', task({ id: 'iow-2', status: 'failed', error: rejected }))
    const card = await screen.findByRole('article', { name: 'Task iow-2' })
    const alert = within(card).getByRole('alert')
    expect(alert).toHaveTextContent(
      'The service rejected Checkpoint: invalid parameter: unknown model "dreamshaper_8"',
    )
    expect(alert).toHaveTextContent('Change Checkpoint and generate again')
    expect(within(alert).queryByRole('button', { name: /Retry/ })).toBeNull()

    main.push('tasks.changed', task({ id: 'iow-3', status: 'failed', error: { code: 'auth', message: 'x' } }))
    const auth = await screen.findByRole('article', { name: 'Task iow-3' })
    expect(within(auth).getByRole('alert')).toHaveTextContent("Check the profile's access keys in Settings")
    expect(within(auth).queryByRole('button', { name: /Retry/ })).toBeNull()
  })

  it('folds later tasks refused for the same reason into one card with a count; other failures keep their own', async () => {
    const unknownModel = { code: 'invalid_request' as const, message: 'unknown model "no-such-model"' }
    const main = await renderPanel([])
    for (const id of ['cell-1', 'cell-2', 'cell-3']) {
      main.push('tasks.changed', task({ id, status: 'submitting' }))
      main.push('tasks.changed', task({ id, status: 'failed', error: unknownModel }))
    }
    // The same task reported again is not counted twice.
    main.push('tasks.changed', task({ id: 'cell-3', status: 'failed', error: unknownModel }))
    const cards = () => screen.getAllByRole('article').map((card) => card.getAttribute('aria-label'))
    expect(cards()).toEqual(['Task cell-1'])
    const first = screen.getByRole('article', { name: 'Task cell-1' })
    expect(within(first).getByTestId('task-also-failed')).toHaveTextContent(
      'and 2 later tasks failed the same way (each is in History)',
    )

    // A passing fault keeps its own card (with its Retry), and a new reason starts a new card.
    const serviceFault = { code: 'server' as const, message: 'Service error.' }
    main.push('tasks.changed', task({ id: 'fault-1', status: 'failed', error: serviceFault }))
    main.push('tasks.changed', task({ id: 'fault-2', status: 'failed', error: serviceFault }))
    main.push('tasks.changed', task({ id: 'cell-4', status: 'failed', error: unknownModel }))
    expect(cards()).toEqual(['Task cell-4', 'Task fault-2', 'Task fault-1', 'Task cell-1'])
  })

  it('says in Chinese how many later tasks failed the same way', async () => {
    const refused = { code: 'invalid_request' as const, message: 'unknown model' }
    const main = await renderPanel([], 'zh-CN')
    main.push('tasks.changed', task({ id: 'a', status: 'failed', error: refused }))
    main.push('tasks.changed', task({ id: 'b', status: 'failed', error: refused }))
    expect(await screen.findByTestId('task-also-failed')).toHaveTextContent(
      '之后另有 1 个任务因同样的原因失败（均在历史记录中）',
    )
  })

  it('stops tracking a running task, says the service may still finish it, and refreshes it', async () => {
    const main = await renderPanel([task({ status: 'running' })])
    const card = await screen.findByRole('article', { name: 'Task iow-1' })
    const stop = within(card).getByRole('button', { name: 'Stop tracking' })
    expect(stop).toHaveAttribute('title', expect.stringMatching(/may still finish/))
    await userEvent.click(stop)
    expect(main.calls).toContainEqual({ method: 'tasks.stopTracking', input: { taskId: 'iow-1' } })

    main.push(
      'tasks.changed',
      task({
        status: 'cancelled',
        trackingStopped: true,
        error: { code: 'cancelled', message: 'Tracking stopped.' },
      }),
    )
    const note = await within(card).findByRole('note')
    expect(note).toHaveTextContent('Tracking stopped. The service may still finish this task')
    expect(within(card).queryByRole('button', { name: 'Stop tracking' })).toBeNull()
    await userEvent.click(within(note).getByRole('button', { name: 'Refresh' }))
    expect(main.calls).toContainEqual({ method: 'tasks.refresh', input: { taskId: 'iow-1' } })
  })

  it('keeps several tasks, newest first, and lets one be dismissed', async () => {
    const main = await renderPanel([])
    main.push('tasks.changed', task({ id: 'old', status: 'queued', createdAt: 1 }))
    main.push('tasks.changed', task({ id: 'new', status: 'submitting', createdAt: 2 }))
    const cards = screen.getAllByRole('article')
    expect(cards.map((card) => card.getAttribute('aria-label'))).toEqual(['Task new', 'Task old'])
    await userEvent.click(within(cards[1] as HTMLElement).getByRole('button', { name: 'Dismiss' }))
    expect(screen.getAllByRole('article')).toHaveLength(1)
  })

  it('sends a result to inpaint with its parameters, and lets it be dragged onto an image slot', async () => {
    useWorkbenchStore.setState(useWorkbenchStore.getInitialState(), true)
    const image = {
      url: 'https://x/1.png',
      seed: 5,
      status: 1,
      auditPassed: true,
      auditLabels: [],
      cacheKey: 'b'.repeat(64),
    }
    await renderPanel([task({ status: 'succeeded', images: [image] })])
    const card = await screen.findByRole('article', { name: 'Task iow-1' })
    const sendTo = within(card).getByRole('group', { name: 'Send result 1 to' })
    await userEvent.click(within(sendTo).getByRole('button', { name: 'Send to inpaint' }))
    await waitFor(() => expect(useWorkbenchStore.getState().mode).toBe('inpaint'))
    expect(useWorkbenchStore.getState().draft.prompt).toBe('a lighthouse at dusk')
    expect(useWorkbenchStore.getState().source?.source).toEqual({ type: 'result', taskId: 'iow-1', index: 0 })

    const setData = vi.fn()
    const figure = within(card).getByRole('img', { name: 'Result 1 (seed 5)' }).closest('figure')
    fireEvent.dragStart(figure as HTMLElement, { dataTransfer: { setData, effectAllowed: 'all' } })
    expect(setData).toHaveBeenCalledWith(
      resultDragType,
      JSON.stringify({ taskId: 'iow-1', index: 0, cacheKey: 'b'.repeat(64) }),
    )
  })

  it('reads a result thumbnail only once its card comes into view', async () => {
    // The page's view, driven by hand: which observed elements are on screen.
    const observers: { callback: IntersectionObserverCallback; targets: Element[] }[] = []
    class ViewStub {
      readonly entry: { callback: IntersectionObserverCallback; targets: Element[] }
      constructor(callback: IntersectionObserverCallback) {
        this.entry = { callback, targets: [] }
        observers.push(this.entry)
      }
      observe(target: Element) {
        this.entry.targets.push(target)
      }
      disconnect() {
        this.entry.targets = []
      }
    }
    vi.stubGlobal('IntersectionObserver', ViewStub)
    try {
      const image = {
        url: 'https://x/1.png',
        seed: 9,
        status: 1,
        auditPassed: true,
        auditLabels: [],
        cacheKey: 'c'.repeat(64),
      }
      const main = await renderPanel([task({ status: 'succeeded', images: [image] })])
      const card = await screen.findByRole('article', { name: 'Task iow-1' })
      expect(within(card).getByText('Result 1 (seed 9)')).toBeInTheDocument()
      expect(main.calls.filter((call) => call.method === 'images.get')).toHaveLength(0)
      act(() => {
        for (const { callback, targets } of observers)
          callback(
            targets.map(
              (target) => ({ target, isIntersecting: true }) as unknown as IntersectionObserverEntry,
            ),
            {} as IntersectionObserver,
          )
      })
      expect(await within(card).findByRole('img', { name: 'Result 1 (seed 9)' })).toHaveAttribute(
        'src',
        'data:image/webp;base64,AAAA',
      )
      expect(main.calls.filter((call) => call.method === 'images.get')).toHaveLength(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
