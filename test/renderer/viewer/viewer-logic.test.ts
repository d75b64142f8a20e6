import { describe, expect, it } from 'vitest'
import { nextOrigin, setNextOrigin } from '../../../renderer/src/features/lineage'
import { changedFields, diffWords } from '../../../renderer/src/features/viewer/param-diff'
import { selectCurrent, useViewerStore } from '../../../renderer/src/features/viewer/viewer-store'
import { placeInSequence, stepImage, stepTask } from '../../../renderer/src/features/viewer/viewer-nav'
import { fitView, zoomAt } from '../../../renderer/src/features/viewer/use-zoom-pan'
import { crc32, zipBytes } from '../../../renderer/src/features/viewer/zip-store'
import { makeTaskRecord } from '../../support/history-main'

const image = (seed: number) => ({
  url: `https://cdn.example/${seed}.png`,
  seed,
  status: 1,
  auditPassed: true,
  auditLabels: [],
  cacheKey: null,
})
const withImages = (...seeds: number[]) => makeTaskRecord({ images: seeds.map(image) })

describe('viewer navigation', () => {
  const records = [withImages(1, 2), withImages(), withImages(3), withImages(4, 5, 6)]

  it('walks a batch, then on into the next task with images, and stops at the ends', () => {
    expect(stepImage(records, { taskIndex: 0, imageIndex: 0 }, 1)).toEqual({ taskIndex: 0, imageIndex: 1 })
    expect(stepImage(records, { taskIndex: 0, imageIndex: 1 }, 1)).toEqual({ taskIndex: 2, imageIndex: 0 })
    expect(stepImage(records, { taskIndex: 3, imageIndex: 0 }, -1)).toEqual({ taskIndex: 2, imageIndex: 0 })
    expect(stepImage(records, { taskIndex: 2, imageIndex: 0 }, -1)).toEqual({ taskIndex: 0, imageIndex: 1 })
    expect(stepImage(records, { taskIndex: 3, imageIndex: 2 }, 1)).toBeNull()
    expect(stepImage(records, { taskIndex: 0, imageIndex: 0 }, -1)).toBeNull()
  })

  it('jumps a task at a time to its first image', () => {
    expect(stepTask(records, { taskIndex: 0, imageIndex: 1 }, 1)).toEqual({ taskIndex: 2, imageIndex: 0 })
    expect(stepTask(records, { taskIndex: 3, imageIndex: 2 }, -1)).toEqual({ taskIndex: 2, imageIndex: 0 })
    expect(stepTask(records, { taskIndex: 3, imageIndex: 0 }, 1)).toBeNull()
  })

  it('places the opened task in the loaded history, or in front when the page lacks it', () => {
    const [first, , third] = records
    if (!first || !third) throw new Error('fixture')
    expect(placeInSequence(records, third).taskIndex).toBe(2)
    const older = withImages(9)
    expect(placeInSequence(records, older)).toEqual({ records: [older, ...records], taskIndex: 0 })
  })

  it('opens, walks with the store and marks two results for comparison', () => {
    const [first, , third] = records
    if (!first || !third) throw new Error('fixture')
    const store = useViewerStore.getState()
    store.open(third, 0)
    store.setSequence(records)
    expect(useViewerStore.getState().position).toEqual({ taskIndex: 2, imageIndex: 0 })
    store.markForCompare()
    store.step(-1)
    expect(selectCurrent(useViewerStore.getState())?.record.images[1]?.seed).toBe(2)
    store.markForCompare()
    const { compare } = useViewerStore.getState()
    expect(compare?.a.record.id).toBe(third.id)
    expect(compare?.b).toEqual({ record: first, imageIndex: 1 })
    store.closeCompare()
    store.close()
    expect(useViewerStore.getState().position).toBeNull()
  })
})

describe('comparing parameters', () => {
  it('names each changed setting, with the seed of the image compared', () => {
    const a = makeTaskRecord({ params: { steps: 20, cfg_scale: 7 }, images: [image(11)] })
    const b = makeTaskRecord({
      params: { steps: 30, cfg_scale: 7, width: 640, enable_hr: true, hr_scale: 1.5 },
      checkpoint: 'dreamshaper_8.safetensors',
      images: [image(11), image(12)],
    })
    expect(changedFields({ record: a, imageIndex: 0 }, { record: b, imageIndex: 1 })).toEqual([
      { field: 'checkpoint', before: 'v1-5-pruned-emaonly.safetensors', after: 'dreamshaper_8.safetensors' },
      { field: 'steps', before: '20', after: '30' },
      { field: 'seed', before: '11', after: '12' },
      { field: 'size', before: '512×512', after: '640×512' },
      { field: 'denoise', before: '—', after: '0.55' },
      { field: 'hires', before: '—', after: '×1.5' },
    ])
    expect(changedFields({ record: a, imageIndex: 0 }, { record: a, imageIndex: 0 })).toEqual([])
  })

  it('diffs prompts word by word, keeping separators', () => {
    expect(diffWords('a red fox, snow', 'a blue fox, snow, night')).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'removed', text: 'red' },
      { kind: 'added', text: 'blue' },
      { kind: 'same', text: ' fox, snow' },
      { kind: 'added', text: ', night' },
    ])
    expect(diffWords('same', 'same')).toEqual([{ kind: 'same', text: 'same' }])
    expect(diffWords('', 'new')).toEqual([{ kind: 'added', text: 'new' }])
  })
})

describe('the browser edition’s ZIP', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it('stores each file under its UTF-8 name, readable from the headers', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5])
    const zip = Buffer.from(zipBytes([{ name: '狐-1.png', bytes }]))
    expect(zip.readUInt32LE(0)).toBe(0x04034b50)
    expect(zip.readUInt16LE(6) & 0x0800).toBe(0x0800)
    expect(zip.readUInt32LE(14)).toBe(crc32(bytes))
    const nameLength = zip.readUInt16LE(26)
    expect(zip.subarray(30, 30 + nameLength).toString('utf8')).toBe('狐-1.png')
    expect([...zip.subarray(30 + nameLength, 35 + nameLength)]).toEqual([1, 2, 3, 4, 5])
    const end = zip.length - 22
    expect(zip.readUInt32LE(end)).toBe(0x06054b50)
    expect(zip.readUInt16LE(end + 10)).toBe(1)
  })
})

describe('the next task’s origin', () => {
  it('is sent with every submit until another load replaces it', () => {
    setNextOrigin(null)
    expect(nextOrigin()).toEqual({})
    setNextOrigin({ kind: 'preset', label: 'Photon v1' })
    expect(nextOrigin()).toEqual({ origin: { kind: 'preset', label: 'Photon v1' } })
    expect(nextOrigin()).toEqual({ origin: { kind: 'preset', label: 'Photon v1' } })
    setNextOrigin(null)
  })
})

describe('zoom and pan', () => {
  it('fits an image in the stage, centred, enlarging a small one', () => {
    expect(fitView({ width: 800, height: 600 }, { width: 64, height: 96 })).toEqual({
      mode: 'fit',
      scale: 6.25,
      x: 200,
      y: 0,
    })
    expect(fitView({ width: 800, height: 600 }, { width: 1600, height: 600 })).toMatchObject({
      scale: 0.5,
      y: 150,
    })
  })

  it('zooms about the pointer, keeping the point under it in place', () => {
    const zoomed = zoomAt({ mode: 'fit', scale: 1, x: 100, y: 50 }, 2, 300, 250)
    expect(zoomed).toEqual({ mode: 'free', scale: 2, x: -100, y: -150 })
    // The image point that was under the pointer, (200, 200), is still there.
    expect(200 * zoomed.scale + zoomed.x).toBe(300)
    expect(zoomAt(zoomed, 1000, 0, 0).scale).toBe(32)
  })
})
