import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { image2ImageParamsSchema, type TaskInput, type TaskRecord } from '#contract'
import { App } from '../../../renderer/src/app/App'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { useUiStore } from '../../../renderer/src/app/ui-store'
import { createClient } from '../../../renderer/src/bridge'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { createHistoryMain, makeTaskRecord } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { withCanvasShim } from '../workbench/canvas-shim'

type HistoryMain = ReturnType<typeof createHistoryMain>

const input = (patch: Partial<TaskInput> & Pick<TaskInput, 'role' | 'cacheKey'>): TaskInput => ({
  origin: 'upload',
  url: 'https://my-inputs.oss-cn-hangzhou.aliyuncs.com/img-open-workbench/x.png?X-Amz-Expires=1800',
  urlExpiresAt: 1_700_000_001_800,
  storageObject: null,
  keepUpload: false,
  sent: { width: 640, height: 480, bytes: 122_880 },
  resizedFrom: null,
  ...patch,
})

/** An inpaint task as the history keeps it: the links sent, and local copies of source and mask. */
async function inpaintTask(main: HistoryMain): Promise<TaskRecord> {
  const base = makeTaskRecord({ prompt: 'a red door in a stone wall', images: [] })
  const [sourceKey, maskKey] = [await main.putImage('source'), await main.putImage('mask')]
  return {
    ...base,
    kind: 'inpaint',
    params: image2ImageParamsSchema.parse({
      ...base.params,
      denoising_strength: 0.4,
      inpainting_fill: 2,
      alwayson_scripts: {
        ...base.params.alwayson_scripts,
        image_link: 'https://my-inputs.oss-cn-hangzhou.aliyuncs.com/source.png',
        mask_link: 'https://my-inputs.oss-cn-hangzhou.aliyuncs.com/mask.png',
      },
    }),
    inputs: [
      input({
        role: 'source',
        cacheKey: sourceKey,
        resizedFrom: { width: 4000, height: 3000, bytes: 5_120_000 },
      }),
      input({ role: 'mask', cacheKey: maskKey, sent: { width: 640, height: 480, bytes: 2048 } }),
    ],
  }
}

describe('sending history results to the workbench', { timeout: 30_000 }, () => {
  const tempDir = useTempDirs()
  let main: HistoryMain | undefined
  // An inpaint task loaded into the workbench shows the mask painter, which draws on a canvas.
  withCanvasShim()
  beforeEach(() => {
    localStorage.clear()
    useHistoryStore.setState(useHistoryStore.getInitialState(), true)
    useWorkbenchStore.setState(useWorkbenchStore.getInitialState(), true)
    useUiStore.setState({ view: 'history' })
  })
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  /** The whole app on the real history store, with `record`'s detail open. */
  async function renderApp(record: TaskRecord, history: HistoryMain) {
    history.store.importRecords(JSON.stringify(record), 'jsonl')
    useHistoryStore.getState().openDetail(record.id)
    render(
      <I18nextProvider i18n={await createI18n('en')}>
        <ClientProvider client={createClient(history.transport)}>
          <App />
        </ClientProvider>
      </I18nextProvider>,
    )
    const user = userEvent.setup({ delay: null })
    return { user, detail: await screen.findByRole('complementary', { name: 'Task details' }) }
  }

  it('sends a result to img2img: the mode, the parameters and the result as the source', async () => {
    main = createHistoryMain(await tempDir())
    const imageKey = await main.putImage('result')
    const record = makeTaskRecord({
      prompt: 'a lighthouse at dusk',
      params: { steps: 33 },
      images: [
        {
          url: 'https://cdn.example/r.png',
          seed: 7,
          status: 1,
          auditPassed: true,
          auditLabels: [],
          cacheKey: imageKey,
        },
      ],
    })
    const { user, detail } = await renderApp(record, main)
    const sendTo = within(detail).getByRole('group', { name: 'Send image 1 to' })
    await user.click(within(sendTo).getByRole('button', { name: 'Send to img2img' }))

    await waitFor(() => expect(useWorkbenchStore.getState().source).not.toBeNull())
    const workbench = useWorkbenchStore.getState()
    expect(workbench.mode).toBe('image2image')
    expect(workbench.draft).toMatchObject({ prompt: 'a lighthouse at dusk', steps: 33 })
    expect(workbench.source).toMatchObject({
      source: { type: 'result', taskId: record.id, index: 0 },
      width: 32,
      height: 32,
      needsUpload: false,
    })
    expect(workbench.source?.previewUrl).toMatch(/^data:image\//)
    expect(await screen.findByRole('tab', { name: 'Image to image' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
  })

  it("shows an image task's kind and inputs, and re-runs it from their local copies", async () => {
    main = createHistoryMain(await tempDir())
    const record = await inpaintTask(main)
    const { user, detail } = await renderApp(record, main)
    expect(within(detail).getByText('Inpaint')).toBeInTheDocument()
    const inputs = within(detail).getByRole('list', { name: 'Input images' })
    const source = within(inputs).getByRole('listitem', { name: 'Source image' })
    expect(source).toHaveTextContent('Uploaded to your storage')
    expect(source).toHaveTextContent('Sent640 × 480 · 120 KB')
    expect(source).toHaveTextContent('Resized from4000 × 3000 · 5000 KB')
    expect(within(inputs).getByRole('listitem', { name: 'Mask' })).toHaveTextContent('640 × 480 · 2 KB')

    await user.click(within(detail).getByRole('button', { name: 'Re-run' }))
    await waitFor(() => expect(main?.calls.some((call) => call.method === 'tasks.submit')).toBe(true))
    const inputsBack = record.inputs ?? []
    expect(main.calls.find((call) => call.method === 'tasks.submit')?.input).toEqual({
      kind: 'inpaint',
      params: expect.objectContaining({
        prompt: 'a red door in a stone wall',
        denoising_strength: 0.4,
        inpainting_fill: 2,
      }),
      source: { type: 'cached', cacheKey: inputsBack[0]?.cacheKey },
      mask: { type: 'cached', cacheKey: inputsBack[1]?.cacheKey },
      options: { allowResize: false, keepUploads: false },
      profileId: 'demo',
      origin: { kind: 'rerun', taskId: record.id },
    })
    const workbench = useWorkbenchStore.getState()
    expect(workbench.mode).toBe('inpaint')
    expect(workbench.draft.img2img).toMatchObject({ denoising_strength: 0.4, inpainting_fill: 2 })
  })
})
