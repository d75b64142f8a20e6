import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { presetDraftSchema } from '#contract'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { PresetsScreen } from '../../../renderer/src/features/presets/PresetsScreen'
import { usePresetsStore } from '../../../renderer/src/features/presets/presets-store'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import { createPresetsMain } from '../../support/presets-main'
import { useTempDirs } from '../../support/temp-dir'

/*
 * A LoRA that training added to the library names the job it came from; its editor links back to
 * the job (opened in the history), and saving the form keeps that link.
 */

const training = { taskId: 'train-7', settings: { maxEpochs: 10, networkDim: 16 }, imageCount: 12 }

describe('a trained LoRA in the preset editor', { timeout: 20_000 }, () => {
  const tempDir = useTempDirs()
  beforeEach(() => usePresetsStore.setState(usePresetsStore.getInitialState(), true))

  async function openEditor(language: Language, tab: RegExp, edit: string) {
    const main = createPresetsMain(await tempDir())
    const preset = await main.presets.create(
      presetDraftSchema.parse({
        kind: 'lora',
        displayName: 'sks face',
        fileName: 'trained_train-7',
        lora: { triggerWords: ['sks face'], training },
      }),
    )
    const onOpenTrainingJob = vi.fn<(taskId: string) => void>()
    render(
      <I18nextProvider i18n={await createI18n(language)}>
        <ClientProvider client={createClient(main.transport)}>
          <PresetsScreen onOpenTrainingJob={onOpenTrainingJob} />
        </ClientProvider>
      </I18nextProvider>,
    )
    const user = userEvent.setup({ delay: null })
    await user.click(await screen.findByRole('tab', { name: tab }))
    await user.click(await screen.findByRole('button', { name: edit }))
    return { main, preset, user, onOpenTrainingJob }
  }

  it('says in Chinese which job trained it and opens that job', async () => {
    const { user, onOpenTrainingJob } = await openEditor('zh-CN', /^LoRA/, '编辑 sks face')
    const form = screen.getByRole('form', { name: '编辑预设' })
    expect(within(form).getByText(/在此训练：任务 train-7，使用 12 张图片。/)).toBeVisible()
    await user.click(within(form).getByRole('button', { name: '在历史中打开该任务' }))
    expect(onOpenTrainingJob).toHaveBeenCalledWith('train-7')
  })

  it('keeps the link to its job when the form is saved', async () => {
    const { main, preset, user } = await openEditor('en', /^LoRAs/, 'Edit sks face')
    const form = screen.getByRole('form', { name: 'Edit preset' })
    expect(within(form).getByText(/Trained here: job train-7, from 12 pictures\./)).toBeVisible()
    await user.clear(within(form).getByLabelText('Default weight'))
    await user.type(within(form).getByLabelText('Default weight'), '0.8')
    await user.click(within(form).getByRole('button', { name: 'Save preset' }))
    await waitFor(async () => {
      const saved = await main.presets.get(preset.id)
      expect(saved.kind === 'lora' && saved.lora).toMatchObject({ defaultWeight: 0.8, training })
    })
  })

  it('shows no such line for a LoRA from elsewhere', async () => {
    const main = createPresetsMain(await tempDir())
    await main.presets.create(
      presetDraftSchema.parse({ kind: 'lora', displayName: 'detail tweaker', fileName: 'add_detail' }),
    )
    render(
      <I18nextProvider i18n={await createI18n('en')}>
        <ClientProvider client={createClient(main.transport)}>
          <PresetsScreen onOpenTrainingJob={() => undefined} />
        </ClientProvider>
      </I18nextProvider>,
    )
    const user = userEvent.setup({ delay: null })
    await user.click(await screen.findByRole('tab', { name: /^LoRAs/ }))
    await user.click(await screen.findByRole('button', { name: 'Edit detail tweaker' }))
    expect(screen.getByRole('form', { name: 'Edit preset' })).not.toHaveTextContent('Trained here')
  })
})
