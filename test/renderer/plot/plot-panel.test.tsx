import { act, fireEvent, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { PlotRecord } from '#contract'
import { usePlotStore } from '../../../renderer/src/features/plot'
import { defaultControlNetUnit } from '../../../renderer/src/features/workbench/mode-drafts'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'
import { demoProfile, profilesAnswer, resultImage } from '../workbench/input-fixtures'
import { renderWorkbench, validDraft } from '../workbench/workbench-driver'

const record = (patch: Partial<PlotRecord> = {}): PlotRecord => ({
  id: 'plot-1',
  kind: 'text2image',
  profileId: null,
  createdAt: 1,
  updatedAt: 1,
  status: 'running',
  axes: {
    x: { type: 'steps', text: '10, 20', labels: ['Steps: 10', 'Steps: 20'] },
  },
  cells: [
    { x: 0, y: 0, z: 0, taskId: 't1', status: 'running', error: null },
    { x: 1, y: 0, z: 0, taskId: 't2', status: 'running', error: null },
  ],
  gridCacheKey: null,
  gridWidth: null,
  gridHeight: null,
  gridError: null,
  ...patch,
})

const ok = (value: unknown) => ({ ok: true as const, value })

async function openPanel(options: Parameters<typeof renderWorkbench>[0] = {}) {
  const driver = await renderWorkbench({ draft: validDraft, ...options })
  await driver.user.click(screen.getByText(options.language === 'zh-CN' ? 'X/Y/Z 图' : 'X/Y/Z plot'))
  return driver
}

const values = (axis: string) => screen.getByRole('textbox', { name: `${axis} values` })

describe('the X/Y/Z plot panel', () => {
  beforeEach(() => usePlotStore.setState(usePlotStore.getInitialState(), true))

  it('counts values and tasks as the user types, and names a bad value', async () => {
    const { user } = await openPanel()
    await user.type(values('X'), '10-30 (+10)')
    expect(screen.getByText('3 values')).toBeVisible()
    expect(screen.getByText('3 tasks, 3 images')).toBeVisible()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Y type' }), 'CFG scale')
    fireEvent.change(values('Y'), { target: { value: '10-20 [3]' } })
    expect(screen.getByText('9 tasks, 9 images')).toBeVisible()
    fireEvent.change(values('Y'), { target: { value: '7, 45' } })
    expect(screen.getByRole('alert')).toHaveTextContent('Y: “45” is outside what the endpoint accepts.')
    expect(screen.getByRole('button', { name: 'Start plot' })).toBeDisabled()
  })

  it('asks before starting more tasks than the threshold, then sends the plot with the form as base', async () => {
    const { user, calls } = await openPanel({ answers: { 'plot.start': ok(record()) } })
    await user.type(values('X'), '1-20')
    await user.click(screen.getByRole('button', { name: 'Start plot' }))
    const dialog = screen.getByRole('alertdialog')
    expect(dialog).toHaveTextContent('This plot sends 20 tasks (20 images), more than 16. Start it?')
    expect(calls.filter((call) => call.method === 'plot.start')).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Start 20 tasks' }))
    const sent = calls.find((call) => call.method === 'plot.start')?.input
    expect(sent).toMatchObject({
      x: { type: 'steps', values: '1-20' },
      base: { kind: 'text2image', params: { prompt: 'a lighthouse at dusk' } },
      language: 'en',
    })
  })

  it('follows the cells, shows the grid openable large, and retries a failed cell', async () => {
    const failed = record({
      status: 'done',
      gridCacheKey: 'a'.repeat(64),
      cells: [
        { x: 0, y: 0, z: 0, taskId: 't1', status: 'failed', error: { code: 'server', message: 'GPU lost' } },
        { x: 1, y: 0, z: 0, taskId: 't2', status: 'succeeded', error: null },
      ],
    })
    const { user, calls } = await openPanel({
      answers: {
        'plot.start': ok(record()),
        'plot.get': ok(failed),
        'images.get': ok({ dataUrl: 'data:image/png;base64,AAAA', width: 10, height: 10 }),
        'plot.retryCell': ok(
          record({
            cells: [{ ...failed.cells[0], status: 'running', error: null }, failed.cells[1]],
          } as Partial<PlotRecord>),
        ),
      },
    })
    await user.type(values('X'), '10, 20')
    await user.click(screen.getByRole('button', { name: 'Start plot' }))
    expect(await screen.findByText('0 of 2 cells done')).toBeVisible()
    expect(await screen.findByText('2 of 2 cells done', {}, { timeout: 4000 })).toBeVisible()
    expect(screen.getByText(/GPU lost/)).toBeVisible()
    await user.click(await screen.findByRole('button', { name: 'Open the grid large' }))
    expect(within(screen.getByRole('dialog')).getByRole('img', { name: 'X/Y/Z plot grid' })).toHaveAttribute(
      'src',
      'data:image/png;base64,AAAA',
    )
    await user.click(screen.getByRole('button', { name: 'Close' }))
    await user.click(screen.getByRole('button', { name: 'Retry Steps: 10' }))
    expect(calls.find((call) => call.method === 'plot.retryCell')?.input).toEqual({
      plotId: 'plot-1',
      x: 0,
      y: 0,
      z: 0,
    })
  })

  it('plots img2img from its source image, with denoising and whole-number CFG as the endpoint takes', async () => {
    const source = resultImage()
    const { user, calls } = await openPanel({
      answers: { 'plot.start': ok(record()), 'profiles.list': profilesAnswer(demoProfile) },
      state: { mode: 'image2image', source },
    })
    const types = within(screen.getByRole('combobox', { name: 'X type' }))
      .getAllByRole('option')
      .map((option) => option.textContent)
    expect(types).toContain('Denoising strength')
    expect(types).not.toContain('ControlNet weight')
    await user.selectOptions(screen.getByRole('combobox', { name: 'X type' }), 'CFG scale')
    fireEvent.change(values('X'), { target: { value: '7, 7.5' } })
    expect(screen.getByRole('alert')).toHaveTextContent('X: “7.5” is not a whole number.')
    await user.selectOptions(screen.getByRole('combobox', { name: 'X type' }), 'Denoising strength')
    fireEvent.change(values('X'), { target: { value: '0.3, 0.6' } })
    expect(screen.getByText('2 tasks, 2 images')).toBeVisible()
    await user.click(screen.getByRole('button', { name: 'Start plot' }))
    expect(await screen.findByText('0 of 2 cells done')).toBeVisible()
    expect(calls.find((call) => call.method === 'plot.start')?.input).toMatchObject({
      x: { type: 'denoising_strength', values: '0.3, 0.6' },
      base: { kind: 'image2image', source: source.source, params: { prompt: 'a lighthouse at dusk' } },
    })
  })

  it('plots the ControlNet weight of every unit, with the units’ control images', async () => {
    const pose = resultImage({ source: { type: 'url', url: 'https://images.example.com/pose.png' } })
    const { user, calls } = await openPanel({
      answers: { 'plot.start': ok(record()), 'profiles.list': profilesAnswer(demoProfile) },
    })
    act(() => {
      useWorkbenchStore.getState().setControlNet({ units: [{ ...defaultControlNetUnit }], images: [pose] })
      useWorkbenchStore.setState({ mode: 'controlnet' })
    })
    await user.selectOptions(screen.getByRole('combobox', { name: 'X type' }), 'ControlNet weight')
    fireEvent.change(values('X'), { target: { value: '0.5, 1, 9' } })
    expect(screen.getByRole('alert')).toHaveTextContent('X: “9” is outside what the endpoint accepts.')
    fireEvent.change(values('X'), { target: { value: '0.5, 1' } })
    await user.click(screen.getByRole('button', { name: 'Start plot' }))
    expect(await screen.findByText('0 of 2 cells done')).toBeVisible()
    expect(calls.find((call) => call.method === 'plot.start')?.input).toMatchObject({
      x: { type: 'controlnet_weight' },
      base: { kind: 'controlnet', controlImages: [pose.source] },
    })
  })

  it('says a denoising axis needs hires fix in text2image', async () => {
    const { user } = await openPanel()
    await user.selectOptions(screen.getByRole('combobox', { name: 'X type' }), 'Denoising strength')
    fireEvent.change(values('X'), { target: { value: '0.3, 0.6' } })
    expect(screen.getByRole('alert')).toHaveTextContent('X: denoising acts only on the hires pass here')
  })

  it('speaks Chinese', async () => {
    const { user } = await openPanel({ language: 'zh-CN' })
    await user.type(screen.getByRole('textbox', { name: 'X 轴取值' }), '5, x')
    expect(screen.getByRole('alert')).toHaveTextContent('X：“x”不是数字或范围。')
    expect(screen.getByRole('button', { name: '开始绘制' })).toBeDisabled()
  })

  it('in Chinese, asks for a Chinese grid and names the cells in Chinese', async () => {
    const started = record({
      axes: { x: { type: 'steps', text: '10, 20', labels: ['Steps: 10', 'Steps: 20'], values: [10, 20] } },
      cells: [
        { x: 0, y: 0, z: 0, taskId: 't1', status: 'failed', error: { code: 'server', message: 'GPU lost' } },
        { x: 1, y: 0, z: 0, taskId: 't2', status: 'running', error: null },
      ],
    })
    const { user, calls } = await openPanel({ language: 'zh-CN', answers: { 'plot.start': ok(started) } })
    await user.type(screen.getByRole('textbox', { name: 'X 轴取值' }), '10, 20')
    await user.click(screen.getByRole('button', { name: '开始绘制' }))
    expect(calls.find((call) => call.method === 'plot.start')?.input).toMatchObject({ language: 'zh' })
    expect(await screen.findByText('步数：20')).toBeVisible()
    expect(screen.getByRole('button', { name: '重试 步数：10' })).toBeVisible()
  })
})
