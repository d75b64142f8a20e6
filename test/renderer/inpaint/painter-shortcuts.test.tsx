import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { activeOperations } from '../../../renderer/src/features/inpaint/mask-document'
import { drag, renderPainter, withPainterStubs } from './painter-driver'

const opKinds = (doc: Parameters<typeof activeOperations>[0]) => activeOperations(doc).map((op) => op.kind)
const hardnessSlider = (name = 'Hardness') => screen.getByRole('slider', { name })

describe('the mask painter’s invert, clear and hardness shortcuts', () => {
  withPainterStubs()

  it('inverts with I and clears with Shift+Delete or Shift+Backspace, each one undo step', async () => {
    const { surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    drag(surface(), [[100, 100]])
    surface().focus()
    await user.keyboard('i')
    expect(opKinds(latest())).toEqual(['stroke', 'invert'])
    await user.keyboard('{Shift>}{Delete}{/Shift}')
    expect(opKinds(latest())).toEqual(['stroke', 'invert', 'clear'])
    expect(screen.getByRole('button', { name: 'Clear' })).toBeDisabled()
    await user.keyboard('{Control>}z{/Control}')
    expect(opKinds(latest())).toEqual(['stroke', 'invert'])
    await user.keyboard('{Shift>}{Backspace}{/Shift}')
    expect(opKinds(latest())).toEqual(['stroke', 'invert', 'clear'])
  })

  it('leaves the mask alone on Delete or Backspace without Shift', async () => {
    const { surface, latest, onChange } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    drag(surface(), [[100, 100]])
    surface().focus()
    const changes = onChange.mock.calls.length
    await user.keyboard('{Delete}{Backspace}{Control>}{Backspace}{/Control}')
    expect(onChange.mock.calls.length).toBe(changes)
    expect(opKinds(latest())).toEqual(['stroke'])
  })

  it('softens with Shift+[ and hardens with Shift+], in ten-point steps within 0–100%', async () => {
    const { surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    surface().focus()
    expect(hardnessSlider()).toHaveValue('80')
    // A US layout reports Shift+[ as "{"; user-event needs "{{" for one "{" key.
    await user.keyboard('{Shift>}{{{/Shift}')
    expect(hardnessSlider()).toHaveValue('70')
    await user.keyboard('{Shift>}}}}{/Shift}')
    expect(hardnessSlider()).toHaveValue('100')
    expect(hardnessSlider()).toHaveAttribute('aria-valuetext', '100%')
    // Shift+[ and ] are hardness, not brush size.
    expect(screen.getByRole('slider', { name: 'Brush size' })).toHaveValue('48')
    drag(surface(), [[100, 100]])
    expect(activeOperations(latest())[0]).toMatchObject({ kind: 'stroke', hardness: 1 })
    for (let step = 0; step < 12; step += 1) await user.keyboard('{Shift>}{{{/Shift}')
    expect(hardnessSlider()).toHaveValue('0')
  })

  it('ignores the shortcuts while typing in a text box inside the painter’s host', async () => {
    const { container, surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    drag(surface(), [[100, 100]])
    const box = document.createElement('input')
    container.querySelector('.inpaint-painter')?.append(box)
    act(() => box.focus())
    await user.keyboard('i{Shift>}{Delete}{{{/Shift}')
    expect(opKinds(latest())).toEqual(['stroke'])
    expect(hardnessSlider()).toHaveValue('80')
  })

  it('names the new shortcuts in the toolbar’s tooltips, in English and Chinese', async () => {
    const english = await renderPainter()
    expect(screen.getByRole('button', { name: 'Invert' })).toHaveAttribute('title', 'Invert (I)')
    expect(screen.getByRole('button', { name: 'Invert' })).toHaveAttribute('aria-keyshortcuts', 'I')
    expect(screen.getByRole('button', { name: 'Clear' })).toHaveAttribute('title', 'Clear (Shift+Delete)')
    expect(hardnessSlider()).toHaveAttribute('title', 'Hardness (Shift+[ Shift+])')
    expect(screen.getByRole('slider', { name: 'Brush size' })).toHaveAttribute('title', 'Brush size ([ ])')
    expect(screen.getByText(/Shift\+\[ and Shift\+\] hardness, I invert, Shift\+Delete clear/)).toBeVisible()
    english.unmount()

    await renderPainter({ language: 'zh-CN' })
    expect(screen.getByRole('button', { name: '反转' })).toHaveAttribute('title', '反转（I）')
    expect(screen.getByRole('button', { name: '清除' })).toHaveAttribute('title', '清除（Shift+Delete）')
    expect(hardnessSlider('硬度')).toHaveAttribute('title', '硬度（Shift+[ Shift+]）')
    expect(screen.getByText(/Shift\+\[ 和 Shift\+\] 调整硬度，I 反转，Shift\+Delete 清除/)).toBeVisible()
  })
})
