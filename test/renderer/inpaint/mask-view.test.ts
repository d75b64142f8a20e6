import { describe, expect, it } from 'vitest'
import {
  clampPan,
  clampToImage,
  fitView,
  panBy,
  toSource,
  zoomAround,
  zoomRange,
} from '../../../renderer/src/features/inpaint/mask-view'
import { commandForKey } from '../../../renderer/src/features/inpaint/painter-keys'

const viewport = { width: 400, height: 300 }
const image = { width: 800, height: 400 }

describe('the painter view', () => {
  it('fits the whole image, centred', () => {
    expect(fitView(viewport, image)).toEqual({ zoom: 0.5, panX: 0, panY: 50 })
    expect(fitView({ width: 0, height: 0 }, image)).toEqual({ zoom: 1, panX: 0, panY: 0 })
  })

  it('maps viewport points to source pixels at any zoom and pan', () => {
    const view = fitView(viewport, image)
    expect(toSource(view, 0, 50)).toEqual({ x: 0, y: 0 })
    expect(toSource(view, 400, 250)).toEqual({ x: 800, y: 400 })
    expect(toSource(panBy(view, -10, 20), 100, 100)).toEqual({ x: 220, y: 60 })
  })

  it('zooms around a point, which stays over the same source pixel', () => {
    const view = zoomAround(fitView(viewport, image), 4, 120, 90)
    expect(view.zoom).toBe(2)
    expect(toSource(view, 120, 90)).toEqual(toSource(fitView(viewport, image), 120, 90))
    expect(zoomAround(view, 1e6, 0, 0).zoom).toBe(zoomRange.max)
    expect(zoomAround(view, 1e-6, 0, 0).zoom).toBe(zoomRange.min)
  })

  it('keeps part of the image in view however far it is dragged', () => {
    const view = fitView(viewport, image)
    expect(clampPan(panBy(view, 5000, 0), viewport, image).panX).toBe(352)
    expect(clampPan(panBy(view, -5000, -5000), viewport, image)).toEqual({
      zoom: 0.5,
      panX: -352,
      panY: -152,
    })
  })

  it('keeps stroke points inside the image', () => {
    expect(clampToImage({ x: -3, y: 900 }, image)).toEqual({ x: 0, y: 400 })
    expect(clampToImage({ x: 12.5, y: 7 }, image)).toEqual({ x: 12.5, y: 7 })
  })
})

describe('painter shortcuts', () => {
  const press = (
    key: string,
    modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
  ) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...modifiers,
  })

  it('picks tools, resizes the brush and zooms with single keys', () => {
    expect(commandForKey(press('B'), false)).toEqual({ kind: 'tool', tool: 'paint' })
    expect(commandForKey(press('e'), false)).toEqual({ kind: 'tool', tool: 'erase' })
    expect(commandForKey(press('h'), false)).toEqual({ kind: 'tool', tool: 'pan' })
    expect(commandForKey(press('['), false)).toEqual({ kind: 'brushSize', direction: -1 })
    expect(commandForKey(press(']'), false)).toEqual({ kind: 'brushSize', direction: 1 })
    expect(commandForKey(press('+', { shiftKey: true }), false)).toEqual({ kind: 'zoom', direction: 1 })
    expect(commandForKey(press('-'), false)).toEqual({ kind: 'zoom', direction: -1 })
    expect(commandForKey(press('0'), false)).toEqual({ kind: 'fit' })
  })

  it('undoes with Ctrl or ⌘+Z and redoes with Shift or Y', () => {
    expect(commandForKey(press('z', { ctrlKey: true }), false)).toEqual({ kind: 'undo' })
    expect(commandForKey(press('z', { metaKey: true }), false)).toEqual({ kind: 'undo' })
    expect(commandForKey(press('Z', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'redo' })
    expect(commandForKey(press('y', { ctrlKey: true }), false)).toEqual({ kind: 'redo' })
  })

  it('leaves the window zoom, Alt combinations and arrow keys off the image alone', () => {
    expect(commandForKey(press('0', { ctrlKey: true }), false)).toBeNull()
    expect(commandForKey(press('+', { ctrlKey: true }), false)).toBeNull()
    expect(commandForKey(press('b', { altKey: true }), false)).toBeNull()
    expect(commandForKey(press('ArrowLeft'), false)).toBeNull()
    expect(commandForKey(press('ArrowLeft'), true)).toEqual({ kind: 'pan', dx: 48, dy: 0 })
    expect(commandForKey(press('ArrowDown'), true)).toEqual({ kind: 'pan', dx: 0, dy: -48 })
  })
})
