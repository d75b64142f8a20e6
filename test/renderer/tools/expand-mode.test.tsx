import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ClientProvider } from '../../../renderer/src/app/client-context'
import { createClient } from '../../../renderer/src/bridge'
import { ExpandPrompt, useToolsStore } from '../../../renderer/src/features/tools'
import { ToolsScreen } from '../../../renderer/src/features/tools/ToolsScreen'
import { createI18n, type Language } from '../../../renderer/src/shared/i18n'
import { useTempDirs } from '../../support/temp-dir'
import { createToolsMain } from '../../support/tools-main'

/*
 * Expand prompt offers the documented modes (§13: 0 = SD, 1 = SDXL) in the workbench, as the Tools
 * form does, and both remember the last one chosen, across a restart too.
 */
describe('the prompt expansion mode', { timeout: 30_000 }, () => {
  const tempDir = useTempDirs()
  let main: ReturnType<typeof createToolsMain> | undefined
  beforeEach(() => {
    localStorage.clear()
    useToolsStore.setState(useToolsStore.getInitialState(), true)
  })
  afterEach(async () => {
    await main?.close()
    main = undefined
  })

  async function renderExpand(language: Language) {
    main = createToolsMain(await tempDir(), {
      promptExpand: (params) => ({ prompts: [`${String(params.sourcePrompt)}, sharp focus`] }),
    })
    const onPick = vi.fn<(prompt: string) => void>()
    const i18n = await createI18n(language)
    const view = render(
      <I18nextProvider i18n={i18n}>
        <ClientProvider client={createClient(main.transport)}>
          <ExpandPrompt prompt="a cat" onPick={onPick} />
        </ClientProvider>
      </I18nextProvider>,
    )
    return { main, i18n, view, onPick, user: userEvent.setup({ delay: null }) }
  }

  it.each([
    ['en', 'Model family', 'Expand prompt'],
    ['zh-CN', '模型类型', '扩写提示词'],
  ] as const)('sends the chosen mode and remembers it (%s)', async (language, label, button) => {
    const { main, user } = await renderExpand(language)
    const mode = screen.getByRole('combobox', { name: label })
    expect(mode).toHaveValue('0')
    expect([...(mode as HTMLSelectElement).options].map((option) => option.text)).toEqual(['SD 1.5', 'SDXL'])
    await user.selectOptions(mode, 'SDXL')
    await user.click(screen.getByRole('button', { name: button }))
    await waitFor(() => expect(main.callsTo('tools.submit')).toHaveLength(1))
    expect(main.callsTo('tools.submit')[0]).toMatchObject({
      toolId: 'promptExpand',
      body: { sourcePrompt: 'a cat', mode: 1 },
    })
    // A restart: the store starts afresh and reads what was kept.
    const kept = localStorage.getItem('img-open.tools') ?? ''
    expect(JSON.parse(kept)).toMatchObject({ state: { expandMode: '1' } })
    useToolsStore.setState(useToolsStore.getInitialState(), true)
    localStorage.setItem('img-open.tools', kept)
    expect(useToolsStore.getState().forms.promptExpand).toBeUndefined()
    await useToolsStore.persist.rehydrate()
    expect(useToolsStore.getState().forms.promptExpand?.mode).toBe('1')
  })

  it('is the same choice as the Tools screen’s prompt expansion form', async () => {
    const { main, i18n, user, view } = await renderExpand('en')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model family' }), '1')
    view.unmount()
    useToolsStore.getState().choose({ kind: 'tool', toolId: 'promptExpand' })
    render(
      <I18nextProvider i18n={i18n}>
        <ClientProvider client={createClient(main.transport)}>
          <ToolsScreen onUsePrompt={vi.fn()} onSendImageTo={vi.fn()} />
        </ClientProvider>
      </I18nextProvider>,
    )
    expect(await screen.findByRole('combobox', { name: /Model family/ })).toHaveValue('1')
  })

  it('ignores a kept value that names no documented mode', async () => {
    localStorage.setItem('img-open.tools', JSON.stringify({ state: { expandMode: '7' }, version: 1 }))
    await useToolsStore.persist.rehydrate()
    expect(useToolsStore.getState().forms.promptExpand).toBeUndefined()
    await renderExpand('en')
    expect(screen.getByRole('combobox', { name: 'Model family' })).toHaveValue('0')
  })
})
