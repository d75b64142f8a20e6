import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TrainingTaskRecord } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { HistoryScreen } from '../../../renderer/src/features/history/HistoryScreen'
import { useHistoryStore } from '../../../renderer/src/features/history/history-store'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import { createHistoryMain } from '../../support/history-main'
import { useTempDirs } from '../../support/temp-dir'
import { giveTheListASize } from './screen-helpers'

/*
 * A sent training job's watch is kept as a code and numbers that the detail words in the UI's
 * language; a job recorded before that carries an English note in `description`, still shown.
 */

const sha = (n: number) => n.toString(16).padStart(64, '0')

const job = (id: string, createdAt: number, fields: Partial<TrainingTaskRecord>): TrainingTaskRecord => ({
  id,
  kind: 'training',
  profileId: 'demo',
  profileName: 'Demo',
  status: 'queued',
  description: null,
  createdAt,
  updatedAt: createdAt,
  finishedAt: null,
  error: null,
  images: [],
  params: { maxEpochs: 10 },
  start: 'quick',
  stage: 'training',
  dataset: [
    {
      name: 'face-0.png',
      path: null,
      sha256: sha(1),
      width: 640,
      height: 640,
      format: 'png',
      bytes: 9000,
      cacheKey: sha(1),
      url: null,
      urlExpiresAt: null,
      storageObject: null,
    },
  ],
  keepUploads: false,
  linkLifetimeDays: 7,
  triggerWords: [],
  loraHint: null,
  knownLoras: [],
  lora: null,
  statusRequest: null,
  statusAnswer: null,
  ...fields,
})

const oldNote =
  'Training: the service has no status query, so the app watches the LoRA list for the new LoRA.'
const records = [
  job('train-old', 1_700_000_000_000, { description: oldNote, triggerWords: ['old style'] }),
  job('train-new', 1_700_000_001_000, {
    triggerWords: ['new style'],
    tracking: { code: 'watching', checks: 3, loraCount: 41, checkedAt: 1_700_000_100_000 },
  }),
]

describe('training jobs in the history', { timeout: 20_000 }, () => {
  const tempDir = useTempDirs()
  let restoreSize: () => void
  let main: ReturnType<typeof createHistoryMain> | undefined
  beforeAll(() => {
    restoreSize = giveTheListASize()
  })
  afterAll(() => restoreSize())
  beforeEach(() => useHistoryStore.setState(useHistoryStore.getInitialState(), true))
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  async function openDetail(language: Language, rowName: RegExp, detailName: string) {
    main = createHistoryMain(await tempDir())
    main.store.importRecords(records.map((record) => JSON.stringify(record)).join('\n'), 'jsonl')
    const user = userEvent.setup({ delay: null })
    render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <HistoryScreen onSendToWorkbench={() => undefined} />
        </ClientProvider>
      </I18nextProvider>,
    )
    await user.dblClick(await within(screen.getByRole('listbox')).findByRole('option', { name: rowName }))
    return screen.findByRole('complementary', { name: detailName })
  }

  it('word the watch of a sent job in Chinese, with its checks and the LoRAs listed', async () => {
    const detail = await openDetail('zh-CN', /new style/, '任务详情')
    expect(detail).toHaveTextContent(
      /已发送；服务没有状态查询，应用会关注 LoRA 列表。已检查 3 次，最近一次在 \d{1,2}:\d{2}:\d{2}：列表中有 41 个 LoRA。/,
    )
    expect(detail).not.toHaveTextContent(/watches the LoRA list/)
  })

  it('word it in English in the English UI', async () => {
    const detail = await openDetail('en', /new style/, 'Task details')
    expect(detail).toHaveTextContent(/Checked 3 times, last at .+: 41 LoRAs listed\./)
  })

  it('still show the English note of a job recorded before the watch was kept as codes', async () => {
    const detail = await openDetail('zh-CN', /old style/, '任务详情')
    expect(within(detail).getByText('服务状态')).toBeInTheDocument()
    expect(detail).toHaveTextContent(oldNote)
    expect(within(detail).queryByText('跟踪')).toBeNull()
  })
})
