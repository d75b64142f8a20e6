import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  activeOperations,
  addOperation,
  appendStrokePoints,
  brushSizeRange,
  canRedo,
  canUndo,
  emptyMask,
  isMaskEmpty,
  makeStroke,
  redo,
  undo,
  type MaskDocument,
  type MaskOperation,
} from '../../../renderer/src/features/inpaint/mask-document'

const dot = (x: number, y: number, mode: 'paint' | 'erase' = 'paint') => makeStroke(mode, 10, 1, [{ x, y }])
const invert: MaskOperation = { kind: 'invert' }
const clear: MaskOperation = { kind: 'clear' }
const apply = (...ops: MaskOperation[]) =>
  ops.reduce<MaskDocument>((doc, op) => addOperation(doc, op), emptyMask)

describe('the mask document', () => {
  it('starts empty, with nothing to undo or redo', () => {
    expect(isMaskEmpty(emptyMask)).toBe(true)
    expect(canUndo(emptyMask)).toBe(false)
    expect(canRedo(emptyMask)).toBe(false)
    expect(undo(emptyMask)).toBe(emptyMask)
    expect(redo(emptyMask)).toBe(emptyMask)
  })

  it('undoes and redoes operations in order without changing the documents it was given', () => {
    const first = dot(1, 1)
    const second = dot(5, 5)
    const doc = apply(first, second)
    const before = structuredClone(doc)
    const undone = undo(doc)
    expect(activeOperations(undone)).toEqual([first])
    expect(canRedo(undone)).toBe(true)
    expect(activeOperations(undo(undone))).toEqual([])
    expect(canUndo(undo(undone))).toBe(false)
    expect(redo(undone)).toEqual(doc)
    expect(doc).toEqual(before)
  })

  it('drops the undone operations when something new is painted', () => {
    const doc = addOperation(undo(apply(dot(1, 1), dot(5, 5))), dot(9, 9))
    expect(activeOperations(doc)).toEqual([dot(1, 1), dot(9, 9)])
    expect(canRedo(doc)).toBe(false)
  })

  it('does not spend an undo step on a stroke without points or on clearing an empty mask', () => {
    const empty = makeStroke('paint', 10, 1, [])
    expect(addOperation(emptyMask, empty)).toBe(emptyMask)
    expect(addOperation(emptyMask, clear)).toBe(emptyMask)
    const painted = apply(dot(1, 1))
    expect(addOperation(painted, clear).cursor).toBe(2)
  })

  it('keeps brush settings in range', () => {
    expect(makeStroke('paint', 0, -1, []).size).toBe(brushSizeRange.min)
    expect(makeStroke('paint', 1e6, 2, []).hardness).toBe(1)
    expect(makeStroke('paint', 1e6, 2, []).size).toBe(brushSizeRange.max)
  })

  it('limits undo to the last steps while keeping the older ones in the mask', () => {
    let doc = emptyMask
    for (let index = 0; index < 8; index += 1) doc = addOperation(doc, dot(index, 0), 5)
    let undos = 0
    while (canUndo(doc)) {
      doc = undo(doc)
      undos += 1
    }
    expect(undos).toBe(5)
    expect(activeOperations(doc)).toEqual([dot(0, 0), dot(1, 0), dot(2, 0)])
  })

  it('forgets what came before a clear once the clear can no longer be undone', () => {
    let doc = apply(dot(1, 1), dot(2, 2), clear)
    for (let index = 0; index < 3; index += 1) doc = addOperation(doc, dot(index, 9), 2)
    expect(doc.ops).toEqual([dot(0, 9), dot(1, 9), dot(2, 9)])
    expect(doc.cursor).toBe(3)
    expect(doc.floor).toBe(1)
  })

  it('knows when the mask is empty from the operations alone', () => {
    expect(isMaskEmpty(apply(dot(1, 1)))).toBe(false)
    expect(isMaskEmpty(undo(apply(dot(1, 1))))).toBe(true)
    expect(isMaskEmpty(apply(dot(1, 1), clear))).toBe(true)
    expect(isMaskEmpty(apply(invert))).toBe(false)
    expect(isMaskEmpty(apply(invert, invert))).toBe(true)
    expect(isMaskEmpty(apply(dot(1, 1, 'erase')))).toBe(true)
    expect(isMaskEmpty(apply(invert, dot(1, 1)))).toBe(false)
  })

  it('counts a mask as not empty when an eraser may have left paint', () => {
    expect(isMaskEmpty(apply(dot(1, 1), dot(1, 1, 'erase')))).toBe(false)
    expect(isMaskEmpty(apply(dot(1, 1), invert))).toBe(false)
  })

  it('keeps the cursor between the undo floor and the end whatever the user does', () => {
    const action = fc.oneof(
      fc.constant('undo' as const),
      fc.constant('redo' as const),
      fc.constantFrom<MaskOperation>(dot(1, 1), dot(3, 3, 'erase'), invert, clear),
    )
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (actions, limit) => {
        let doc = emptyMask
        for (const step of actions) {
          doc = step === 'undo' ? undo(doc) : step === 'redo' ? redo(doc) : addOperation(doc, step, limit)
          expect(doc.floor).toBeGreaterThanOrEqual(0)
          expect(doc.cursor).toBeGreaterThanOrEqual(doc.floor)
          expect(doc.cursor).toBeLessThanOrEqual(doc.ops.length)
          expect(doc.cursor - doc.floor).toBeLessThanOrEqual(limit)
          if (canUndo(doc)) expect(redo(undo(doc))).toEqual(doc)
        }
      }),
    )
  })
})

describe('growing a stroke while the pointer moves', () => {
  it('adds points, leaving out jitter closer than the spacing to the point before', () => {
    const start = makeStroke('paint', 20, 1, [{ x: 0, y: 0 }])
    const grown = appendStrokePoints(
      start,
      [
        { x: 1, y: 1 },
        { x: 3, y: 0 },
        { x: 3.5, y: 0 },
        { x: 9, y: 0 },
      ],
      2,
    )
    expect(grown.points).toEqual([
      { x: 0, y: 0 },
      { x: 3, y: 0 },
      { x: 9, y: 0 },
    ])
    expect(start.points).toEqual([{ x: 0, y: 0 }])
  })

  it('gives back the same stroke when every point was too close', () => {
    const start = makeStroke('paint', 20, 1, [{ x: 0, y: 0 }])
    expect(appendStrokePoints(start, [{ x: 0.5, y: 0 }], 2)).toBe(start)
  })
})
