import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TaskRecord } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import {
  createHistoryMain,
  makeImageTaskRecord,
  makeTaskInput,
  makeTaskRecord,
} from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { giveFilesText, giveTheListASize } from './screen-helpers'

type HistoryMain = ReturnType<typeof createHistoryMain>

const presigned =
  'https://my-bucket.s3.eu-central-1.amazonaws.com/img-open-workbench/2024/source-9f2c.png' +
  '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLEKEYID%2F20240101%2Feu-central-1%2Fs3%2Faws4_request' +
  `&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-Signature=${'5d'.repeat(32)}&x-id=GetObject`

/** An inpaint task as a submit records it: source uploaded (presigned link, now expired), mask pasted. */
const inpaintTask = (sourceKey: string, maskKey: string, resultKey: string | null = null): TaskRecord =>
  makeImageTaskRecord(
    'inpaint',
    [
      makeTaskInput({
        role: 'source',
        url: presigned,
        cacheKey: sourceKey,
        storageObject: { bucket: 'my-bucket', key: 'img-open-workbench/2024/source-9f2c.png' },
      }),
      makeTaskInput({ role: 'mask', origin: 'url', url: 'https://masks.example/m.png', cacheKey: maskKey }),
    ],
    {
      prompt: 'a red door in a stone wall',
      images:
        resultKey === null
          ? []
          : [
              {
                url: 'https://cdn.example/r.png',
                seed: 5,
                status: 2,
                auditPassed: true,
                auditLabels: [],
                cacheKey: resultKey,
              },
            ],
    },
  )

describe('the history screen with image tasks', { timeout: 30_000 }, () => {
  const tempDir = useTempDirs()
  let restoreSize: () => void
  const opened: HistoryMain[] = []
  beforeAll(() => {
    restoreSize = giveTheListASize()
    giveFilesText()
  })
  afterAll(() => restoreSize())
  beforeEach(() => useHistoryStore.setState(useHistoryStore.getInitialState(), true))
  afterEach(async () => {
    for (const main of opened.splice(0)) await main.close()
  })

  async function openMain(records: readonly TaskRecord[] = []) {
    const main = createHistoryMain(await tempDir())
    opened.push(main)
    main.store.importRecords(records.map((record) => JSON.stringify(record)).join('\n'), 'jsonl')
    return main
  }

  async function renderScreen(main: HistoryMain, language: Language = 'en') {
    const user = userEvent.setup({ delay: null })
    const view = render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <HistoryScreen />
        </ClientProvider>
      </I18nextProvider>,
    )
    return { user, view }
  }

  const list = () => screen.getByRole('listbox', { name: 'Tasks' })
  const rowNames = () =>
    within(list())
      .getAllByRole('option')
      .map((row) => row.getAttribute('aria-label'))
  const modeFilter = () => screen.getByRole('combobox', { name: 'Mode' })

  it('filters by mode together with the search, keeps the choice, and clears it', async () => {
    let at = 1_700_000_000_000
    const next = (prompt: string) => ({ prompt, createdAt: (at += 1000) })
    const main = await openMain([
      makeTaskRecord(next('a red scarf')),
      makeImageTaskRecord(
        'inpaint',
        [makeTaskInput({ role: 'source', url: 'https://x.example/a.png', cacheKey: null })],
        next('a red scarf, inpainted'),
      ),
      makeImageTaskRecord(
        'controlnet',
        [makeTaskInput({ role: 'control', unit: 0, url: 'https://x.example/c.png', cacheKey: null })],
        next('a lighthouse'),
      ),
    ])
    const { user, view } = await renderScreen(main)
    await waitFor(() => expect(rowNames()).toHaveLength(3))

    // Reached from the status filter with Tab, like every other filter.
    screen.getByRole('combobox', { name: 'Status' }).focus()
    await user.tab()
    expect(modeFilter()).toHaveFocus()
    expect(
      within(modeFilter())
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All', 'Text to image', 'Image to image', 'Inpaint', 'ControlNet'])

    await user.selectOptions(modeFilter(), 'Inpaint')
    await waitFor(() => expect(rowNames()).toEqual(['a red scarf, inpainted']))
    expect(main.calls.filter((call) => call.method === 'history.list').at(-1)?.input).toMatchObject({
      kind: ['inpaint'],
    })
    await user.type(screen.getByRole('searchbox', { name: 'Search prompts' }), 'lighthouse')
    expect(await screen.findByText('No task matches the search and filters.')).toBeInTheDocument()
    await user.selectOptions(modeFilter(), 'ControlNet')
    await waitFor(() => expect(rowNames()).toEqual(['a lighthouse']))

    // Kept while the user is elsewhere in the app, like the other filters.
    view.unmount()
    await renderScreen(main)
    expect(modeFilter()).toHaveValue('controlnet')
    await waitFor(() => expect(rowNames()).toEqual(['a lighthouse']))
    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(modeFilter()).toHaveValue('')
    await waitFor(() => expect(rowNames()).toHaveLength(3))
  })

  it("shows an image task's inputs with names, short links and whether the links still work", async () => {
    const main = await openMain()
    const [source, mask, result] = [
      await main.putImage('source'),
      await main.putImage('mask'),
      await main.putImage('result'),
    ]
    const record = inpaintTask(source, mask, result)
    main.store.insert(record)
    useHistoryStore.getState().openDetail(record.id)
    await renderScreen(main)
    const detail = await screen.findByRole('complementary', { name: 'Task details' })
    const inputs = within(detail).getByRole('list', { name: 'Input images' })
    const sourceItem = within(inputs).getByRole('listitem', { name: 'Source image' })
    expect(await within(sourceItem).findByRole('img', { name: 'Source image' })).toHaveAttribute(
      'src',
      expect.stringMatching(/^data:image\//),
    )
    expect(await within(inputs).findByRole('img', { name: 'Mask' })).toBeInTheDocument()
    expect(await within(detail).findByRole('img', { name: 'Image 1' })).toBeInTheDocument()
    // The presigned link shows as where it points; its signature is nowhere on the page.
    expect(sourceItem).toHaveTextContent(
      'Linkmy-bucket.s3.eu-central-1.amazonaws.com/…/source-9f2c.png?… (expired',
    )
    expect(within(inputs).getByRole('listitem', { name: 'Mask' })).toHaveTextContent('masks.example/m.png')
    const parameters = within(detail).getByRole('table', { name: 'Parameters' })
    expect(
      within(parameters).getByRole('row', {
        name: 'alwayson_scripts.image_link my-bucket.s3.eu-central-1.amazonaws.com/…/source-9f2c.png?…',
      }),
    ).toBeInTheDocument()
    expect(document.body.innerHTML).not.toContain('X-Amz-Signature')
    expect(within(detail).queryByText('Input image not available')).not.toBeInTheDocument()
  })

  it('imports an image task whose input images are not on this computer and says so in the detail', async () => {
    const exporting = await openMain()
    const record = inpaintTask(await exporting.putImage('source'), await exporting.putImage('mask'))
    exporting.store.insert(record)
    const { text = '' } = await exporting.store.exportRecords('all', 'jsonl')

    const main = await openMain()
    const { user } = await renderScreen(main)
    await user.upload(screen.getByLabelText('Import export file'), new File([text], 'tasks.jsonl'))
    expect(await screen.findByText(/^Imported 1 tasks; 0 were already in the history\./)).toBeInTheDocument()
    await user.click(await within(list()).findByRole('option', { name: 'a red door in a stone wall' }))
    await user.keyboard('{Enter}')
    const detail = await screen.findByRole('complementary', { name: 'Task details' })
    // The detail fills in after the record and its inputs' states arrive: wait, as a user would.
    expect(await within(detail).findByText('Inpaint')).toBeInTheDocument()
    const inputs = await within(detail).findByRole('list', { name: 'Input images' })
    for (const name of ['Source image', 'Mask']) {
      const item = within(inputs).getByRole('listitem', { name })
      expect(await within(item).findByText('Input image not available')).toBeInTheDocument()
      expect(item).toHaveTextContent(/Local copyNot on this computer/)
      expect(within(item).queryByRole('img')).not.toBeInTheDocument()
    }
    // Exported without its signature; the object's address is still there.
    expect(within(inputs).getByRole('listitem', { name: 'Source image' })).toHaveTextContent(
      'my-bucket.s3.eu-central-1.amazonaws.com/…/source-9f2c.png',
    )
  })

  it('says all of it in Chinese', async () => {
    const record = inpaintTask('a'.repeat(64), 'b'.repeat(64))
    const main = await openMain([record])
    useHistoryStore.getState().openDetail(record.id)
    await renderScreen(main, 'zh-CN')
    const mode = screen.getByRole('combobox', { name: '模式' })
    expect(
      within(mode)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['全部', '文生图', '图生图', '局部重绘', 'ControlNet'])
    const detail = await screen.findByRole('complementary', { name: '任务详情' })
    const inputs = within(detail).getByRole('list', { name: '输入图片' })
    const source = within(inputs).getByRole('listitem', { name: '原图' })
    expect(await within(source).findByText('输入图片不可用')).toBeInTheDocument()
    expect(source).toHaveTextContent('本地副本不在这台电脑上')
    expect(source).toHaveTextContent(
      /链接my-bucket\.s3\.eu-central-1\.amazonaws\.com\/…\/source-9f2c\.png\?… \(已于 .+ 过期\)/,
    )
    expect(within(inputs).getByRole('listitem', { name: '蒙版' })).toBeInTheDocument()
  })
})
