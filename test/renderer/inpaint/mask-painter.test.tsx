import { act, fireEvent, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { initialBrush } from '../../../renderer/src/features/inpaint/inpaint-store'
import {
  activeOperations,
  addOperation,
  emptyMask,
  makeStroke,
  type MaskDocument,
  type StrokeOperation,
} from '../../../renderer/src/features/inpaint/mask-document'
import { countPaintedPixels, rasterizeMask } from '../../../renderer/src/features/inpaint/mask-raster'
import { canvasWrites } from './canvas-stub'
import { drag, renderPainter, withPainterStubs } from './painter-driver'

/** The image is 800×400 in a 400×300 viewport: fitted at 50%, 50 px of margin above and below. */
const onlyStroke = (doc: MaskDocument): StrokeOperation => {
  const [op] = activeOperations(doc)
  if (op?.kind !== 'stroke') throw new Error(`expected one stroke, got ${JSON.stringify(doc.ops)}`)
  return op
}

describe('the mask painter', () => {
  withPainterStubs()

  it('paints one stroke per drag, in source pixels at the fitted 50% zoom', async () => {
    const { surface, onChange } = await renderPainter()
    expect(screen.getByRole('status', { name: 'Zoom level' })).toHaveTextContent('50%')
    drag(surface(), [
      [100, 100],
      [150, 100],
      [200, 150],
    ])
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onlyStroke(onChange.mock.calls[0]?.[0] ?? emptyMask)).toEqual(
      makeStroke('paint', initialBrush.size, initialBrush.hardness, [
        { x: 200, y: 100 },
        { x: 300, y: 100 },
        { x: 400, y: 200 },
      ]),
    )
  })

  it('keeps painting in source pixels after zooming in, and fits again with 0', async () => {
    const { surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    surface().focus()
    await user.keyboard('+')
    expect(screen.getByRole('status', { name: 'Zoom level' })).toHaveTextContent('63%')
    // Zooming keeps the viewport's centre (200, 150) over the same source pixel, (400, 200).
    drag(surface(), [
      [200, 150],
      [250, 150],
    ])
    expect(onlyStroke(latest()).points).toEqual([
      { x: 400, y: 200 },
      { x: 480, y: 200 },
    ])
    await user.keyboard('0')
    expect(screen.getByRole('status', { name: 'Zoom level' })).toHaveTextContent('50%')
    await user.click(screen.getByRole('button', { name: 'Zoom in' }))
    await user.click(screen.getByRole('button', { name: 'Zoom out' }))
    await user.click(screen.getByRole('button', { name: 'Zoom in' }))
    expect(screen.getByRole('status', { name: 'Zoom level' })).toHaveTextContent('63%')
    await user.click(screen.getByRole('button', { name: 'Fit' }))
    expect(screen.getByRole('status', { name: 'Zoom level' })).toHaveTextContent('50%')
  })

  it('zooms at the pointer with Ctrl+wheel and pans with the plain wheel', async () => {
    const { surface, latest } = await renderPainter()
    act(() => {
      fireEvent.wheel(surface(), { deltaY: -300 * Math.log(2), ctrlKey: true, clientX: 100, clientY: 100 })
    })
    expect(screen.getByRole('status', { name: 'Zoom level' })).toHaveTextContent('100%')
    drag(surface(), [[100, 100]])
    expect(onlyStroke(latest()).points).toEqual([{ x: 200, y: 100 }])
    act(() => {
      fireEvent.wheel(surface(), { deltaX: 30, deltaY: 10, clientX: 100, clientY: 100 })
    })
    drag(surface(), [[100, 100]])
    expect(onlyStroke({ ...latest(), ops: latest().ops.slice(1) }).points).toEqual([{ x: 230, y: 110 }])
  })

  it('pans instead of painting with Space+drag, the middle button and the hand tool', async () => {
    const { surface, onChange, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    surface().focus()
    fireEvent.keyDown(surface(), { key: ' ' })
    drag(surface(), [
      [100, 100],
      [120, 110],
    ])
    fireEvent.keyUp(surface(), { key: ' ' })
    drag(
      surface(),
      [
        [100, 100],
        [120, 110],
      ],
      { button: 1, buttons: 4 },
    )
    await user.click(screen.getByRole('button', { name: 'Hand' }))
    drag(surface(), [
      [100, 100],
      [110, 100],
    ])
    expect(onChange).not.toHaveBeenCalled()
    await user.keyboard('b')
    // Moved by (50, 20) viewport pixels at 50%: (100, 100) is now over source (100, 60).
    drag(surface(), [[100, 100]])
    expect(onlyStroke(latest()).points).toEqual([{ x: 100, y: 60 }])
  })

  it('scrolls with the arrow keys while the painting area has focus', async () => {
    const { surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    await user.click(screen.getByRole('button', { name: 'Zoom in' }))
    surface().focus()
    await user.keyboard('{ArrowRight}{ArrowDown}')
    drag(surface(), [[200, 150]])
    // 48 viewport pixels at 62.5% are 76.8 source pixels.
    const [point] = onlyStroke(latest()).points
    expect(point?.x).toBeCloseTo(476.8)
    expect(point?.y).toBeCloseTo(276.8)
  })

  it('keeps stroke points on the image when the pointer leaves it', async () => {
    const { surface, latest } = await renderPainter()
    drag(surface(), [
      [-20, 20],
      [450, 320],
    ])
    expect(onlyStroke(latest()).points).toEqual([
      { x: 0, y: 0 },
      { x: 800, y: 400 },
    ])
  })

  it('sets the brush with B, E, [ and ], and with the sliders', async () => {
    const { surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    surface().focus()
    await user.keyboard('e')
    expect(screen.getByRole('button', { name: 'Eraser' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('button', { name: 'Brush' })).toHaveAttribute('aria-pressed', 'false')
    // user-event reads '[[' as one '[' key.
    await user.keyboard('[[[[')
    expect(screen.getByRole('slider', { name: 'Brush size' })).toHaveValue('39')
    await user.keyboard(']')
    expect(screen.getByRole('slider', { name: 'Brush size' })).toHaveAttribute('aria-valuetext', '43 px')
    fireEvent.change(screen.getByRole('slider', { name: 'Hardness' }), { target: { value: '25' } })
    drag(surface(), [[100, 100]])
    expect(onlyStroke(latest())).toMatchObject({ mode: 'erase', size: 43, hardness: 0.25 })
    fireEvent.change(screen.getByRole('slider', { name: 'Brush size' }), { target: { value: '120' } })
    await user.keyboard('B')
    drag(surface(), [[100, 100]])
    expect(activeOperations(latest())[1]).toMatchObject({ mode: 'paint', size: 120 })
  })

  it('erases with the pen’s eraser end whatever the tool', async () => {
    const { surface, latest } = await renderPainter()
    drag(surface(), [[100, 100]], { pointerType: 'pen', button: 5, buttons: 32 })
    expect(onlyStroke(latest()).mode).toBe('erase')
  })

  it('undoes, redoes, inverts and clears from the toolbar', async () => {
    const { surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    const button = (name: string) => screen.getByRole('button', { name })
    expect(button('Undo')).toBeDisabled()
    expect(button('Clear')).toBeDisabled()
    drag(surface(), [[100, 100]])
    await user.click(button('Undo'))
    expect(latest().cursor).toBe(0)
    expect(button('Undo')).toBeDisabled()
    await user.click(button('Redo'))
    expect(latest().cursor).toBe(1)
    await user.click(button('Invert'))
    await user.click(button('Clear'))
    expect(activeOperations(latest()).map((op) => op.kind)).toEqual(['stroke', 'invert', 'clear'])
    expect(button('Clear')).toBeDisabled()
  })

  it('takes Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y while it has focus, so the workbench does not also act', async () => {
    const { surface, latest } = await renderPainter()
    const user = userEvent.setup({ delay: null })
    // The workbench's window listener skips keys already claimed (defaultPrevented).
    const claimed: string[] = []
    const listener = (event: KeyboardEvent) => event.defaultPrevented && claimed.push(event.key)
    window.addEventListener('keydown', listener)
    drag(surface(), [[100, 100]])
    drag(surface(), [[150, 100]])
    await user.click(screen.getByRole('slider', { name: 'Hardness' }))
    await user.keyboard('{Control>}z{/Control}')
    expect(latest().cursor).toBe(1)
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}')
    expect(latest().cursor).toBe(2)
    await user.keyboard('{Control>}zz{/Control}')
    expect(latest().cursor).toBe(0)
    await user.keyboard('{Control>}y{/Control}')
    expect(latest().cursor).toBe(1)
    window.removeEventListener('keydown', listener)
    expect(claimed.map((key) => key.toLowerCase())).toEqual(['z', 'z', 'z', 'z', 'y'])
  })

  it('shows the mask on the overlay and tells how many pixels are painted', async () => {
    const { surface, latest } = await renderPainter()
    const canvas = screen.getByRole('img', { name: 'Painted mask' })
    expect(canvas).toHaveAttribute('data-painted-pixels', '0')
    expect(canvas).toHaveAttribute('width', '800')
    drag(surface(), [
      [100, 100],
      [200, 100],
    ])
    const painted = countPaintedPixels(rasterizeMask(latest(), 800, 400))
    expect(painted).toBeGreaterThan(0)
    expect(canvas).toHaveAttribute('data-painted-pixels', String(painted))
    const writes = canvasWrites(canvas as HTMLCanvasElement)
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.every((write) => write.x >= 176 && write.x + write.width <= 424)).toBe(true)
  })

  it('shows a mask it is given, e.g. when the user comes back to inpaint mode', async () => {
    const doc = addOperation(emptyMask, makeStroke('paint', 30, 1, [{ x: 50, y: 50 }]))
    await renderPainter({ initial: doc })
    expect(screen.getByRole('img', { name: 'Painted mask' })).toHaveAttribute(
      'data-painted-pixels',
      String(countPaintedPixels(rasterizeMask(doc, 800, 400))),
    )
    expect(screen.getByRole('button', { name: 'Undo' })).toBeEnabled()
  })

  it('labels every control in Chinese', async () => {
    await renderPainter({ language: 'zh-CN' })
    for (const name of [
      '画笔',
      '橡皮擦',
      '抓手',
      '反转',
      '清除',
      '撤销',
      '重做',
      '放大',
      '缩小',
      '适应窗口',
    ]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument()
    }
    expect(screen.getByRole('slider', { name: '画笔大小' })).toHaveAttribute('aria-valuetext', '48 像素')
    expect(screen.getByRole('slider', { name: '硬度' })).toBeInTheDocument()
    expect(screen.getByRole('application', { name: '蒙版绘制区域' })).toBeInTheDocument()
  })
})
