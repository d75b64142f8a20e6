import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { SdTaskRecord, TaskRecord } from '#contract'
import { createClient } from '../../../renderer/src/bridge'
import { sanitizeDraft } from '../../../renderer/src/features/workbench/draft'
import { defaultControlNetUnit } from '../../../renderer/src/features/workbench/mode-drafts'
import { loadTaskIntoWorkbench } from '../../../renderer/src/features/workbench/send-to'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { createI18n } from '../../../renderer/src/shared/i18n'
import { demoProfile, profilesAnswer, resultImage, submitted } from './input-fixtures'
import { fakeTransport, renderWorkbench, ui, validDraft } from './workbench-driver'

const slowUi = { timeout: 20_000 }
const answers = { 'tasks.submit': submitted('iow-3'), 'profiles.list': profilesAnswer(demoProfile) }

const units = [
  { ...defaultControlNetUnit, control_type: 'OpenPose' as const, module: 'openpose_full', weight: 0.7 },
  { ...defaultControlNetUnit, control_type: 'depth' as const, module: 'depth_midas' },
]
const pose = resultImage({ source: { type: 'url', url: 'https://images.example.com/pose.png' } })
const base = resultImage()

/** The workbench in ControlNet mode with two units, the second using the base image. */
async function controlNetWorkbench(language: 'en' | 'zh-CN' = 'en') {
  const rendered = await renderWorkbench({ language, draft: validDraft, answers })
  act(() => {
    useWorkbenchStore.getState().setControlNet({ units, images: [pose, null] })
    useWorkbenchStore.setState({ mode: 'controlnet', source: base })
  })
  return rendered
}

const endpointSelect = (name: string) => screen.getByRole('combobox', { name })
/** One per unit, plus v2's top-level one. */
const resizeModeSelects = () => screen.getAllByRole('combobox', { name: 'Resize mode' }).length

describe('ControlNet endpoint choice', slowUi, () => {
  it('sends v3 when chosen, hides the resize mode it lacks and says why, and keeps the units', async () => {
    const { user, calls } = await controlNetWorkbench()
    const select = endpointSelect('Endpoint')
    expect(select).toHaveValue('controlnet-v2')
    expect(resizeModeSelects()).toBe(units.length + 1)

    await user.selectOptions(select, 'Text to image v3 — under development')
    expect(select).toHaveValue('text2image-v3')
    expect(select).toHaveAccessibleDescription(/under development\. It has no overall resize mode/)
    expect(resizeModeSelects()).toBe(units.length)
    const state = useWorkbenchStore.getState()
    expect(state.draft.controlnet.units).toEqual(units)
    expect(state.controlImages).toEqual([pose, null])

    await user.click(ui.button('Generate'))
    await screen.findByText('Task iow-3 submitted.')
    const submit = calls.find((call) => call.method === 'tasks.submit')?.input as Record<string, unknown>
    expect(submit).toMatchObject({
      kind: 'controlnet',
      endpoint: 'text2image-v3',
      source: base.source,
      controlImages: [pose.source, null],
      params: { alwayson_scripts: { controlnet: { args: units } } },
    })

    await user.selectOptions(endpointSelect('Endpoint'), 'ControlNet (v2)')
    expect(resizeModeSelects()).toBe(units.length + 1)
    expect(useWorkbenchStore.getState().draft.controlnet).toMatchObject({ endpoint: 'controlnet-v2', units })
  })

  it('holds a v3 request to its tighter size and prompt limits before anything is sent', async () => {
    const { user } = await controlNetWorkbench()
    await ui.setNumber(user, 'Width', 1536)
    expect(ui.number('Width')).not.toBeInvalid()
    expect(ui.button('Generate')).toBeEnabled()

    await user.selectOptions(endpointSelect('Endpoint'), 'text2image-v3')
    expect(ui.number('Width')).toHaveAccessibleDescription('Width must be between 128 and 1024')
    expect(ui.number('Width')).toHaveAttribute('max', '1024')
    expect(ui.button('Generate')).toBeDisabled()
    act(() => {
      useWorkbenchStore.getState().setParam('width', 1024)
      useWorkbenchStore.getState().setParam('prompt', 'a'.repeat(2001))
    })
    expect(ui.button('Generate')).toHaveAccessibleDescription(/at most 2000 characters/)

    await user.selectOptions(endpointSelect('Endpoint'), 'ControlNet (v2)')
    expect(ui.button('Generate')).toBeEnabled()
  })

  it('asks for "copy as curl" of the chosen endpoint', async () => {
    const { user, calls } = await controlNetWorkbench()
    await user.selectOptions(endpointSelect('Endpoint'), 'text2image-v3')
    await user.click(ui.button('Copy as curl'))
    // The dialog loads on first use and asks for the request as it mounts.
    await waitFor(() =>
      expect(calls[0]).toEqual({
        method: 'tasks.previewRequest',
        input: expect.objectContaining({ kind: 'controlnet', endpoint: 'text2image-v3' }),
      }),
    )
  })

  it('names the choice in Simplified Chinese', async () => {
    const { user } = await controlNetWorkbench('zh-CN')
    await user.selectOptions(endpointSelect('接口'), '文生图 v3 —— 开发中')
    expect(endpointSelect('接口')).toHaveAccessibleDescription(/开发中/)
  })
})

describe('the endpoint in the draft', () => {
  it('survives a restart and ignores an unknown value', () => {
    const kept = sanitizeDraft({ controlnet: { endpoint: 'text2image-v3', units: [{ module: 'canny' }] } })
    expect(kept.controlnet.endpoint).toBe('text2image-v3')
    expect(sanitizeDraft({ controlnet: { endpoint: 'v4' } }).controlnet.endpoint).toBe('controlnet-v2')
    expect(sanitizeDraft({}).controlnet.endpoint).toBe('controlnet-v2')
  })

  it('comes back with a v3 task loaded for a re-run; a task without one loads as v2', async () => {
    const { transport } = fakeTransport({})
    const t = (await createI18n('en')).t
    const record = (endpoint?: 'text2image-v3'): SdTaskRecord => ({
      id: 'iow-v3',
      kind: 'controlnet',
      profileId: 'demo',
      profileName: 'Demo',
      status: 'failed',
      description: null,
      createdAt: 1,
      updatedAt: 1,
      finishedAt: 1,
      error: null,
      images: [],
      ...(endpoint ? { endpoint } : {}),
      params: {
        ...sanitizeDraft(validDraft),
        resize_mode: 0,
        alwayson_scripts: {
          ...validDraft.alwayson_scripts,
          sd_model_checkpoint: 'v1-5-pruned-emaonly.safetensors',
          controlnet: { args: [{ ...units[0], image_link: 'https://images.example.com/pose.png' }] },
        },
      } as Extract<TaskRecord, { kind: 'controlnet' }>['params'],
    })
    useWorkbenchStore.setState(useWorkbenchStore.getInitialState(), true)
    await loadTaskIntoWorkbench(createClient(transport), t, record('text2image-v3'), true)
    expect(useWorkbenchStore.getState()).toMatchObject({
      mode: 'controlnet',
      draft: { controlnet: { endpoint: 'text2image-v3', units: [units[0]] } },
    })
    await loadTaskIntoWorkbench(createClient(transport), t, record(), false)
    expect(useWorkbenchStore.getState().draft.controlnet.endpoint).toBe('controlnet-v2')
  })
})
