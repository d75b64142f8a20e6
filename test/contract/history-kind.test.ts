import { describe, expect, it } from 'vitest'
import {
  customRequestName,
  historyKindName,
  sdEndpointIds,
  sdEndpoints,
  sdKindNames,
  taskKinds,
  toolIds,
  toolRegistry,
  type TaskRecord,
} from '#contract'

/*
 * The history's kind and its name come from the row a task went to (history-kind.ts), so a new row
 * brings its own name and the history needs no change.
 */
const record = (fields: Record<string, unknown>) => fields as unknown as TaskRecord

describe('the history kind from the rows', () => {
  it('names every SD kind once, the same for every row of that kind, in both languages', () => {
    expect(sdKindNames()).toEqual([
      { kind: 'text2image', name: { en: 'Text to image', zh: '文生图' } },
      { kind: 'image2image', name: { en: 'Image to image', zh: '图生图' } },
      { kind: 'inpaint', name: { en: 'Inpaint', zh: '局部重绘' } },
      { kind: 'controlnet', name: { en: 'ControlNet', zh: 'ControlNet' } },
    ])
    for (const id of sdEndpointIds) {
      const row = sdEndpoints[id]
      expect(sdKindNames().find((entry) => entry.kind === row.historyKind)?.name).toEqual(row.historyName)
    }
    expect(new Set(sdEndpointIds.map((id) => sdEndpoints[id].historyKind))).toEqual(new Set(taskKinds))
  })

  it('names a record by the row it went to: its SD endpoint, its tool, or a custom request', () => {
    expect(historyKindName(record({ kind: 'inpaint' }))).toEqual({ en: 'Inpaint', zh: '局部重绘' })
    // A ControlNet task sent to text2image v3 is still kept and named as ControlNet.
    expect(historyKindName(record({ kind: 'controlnet', endpoint: 'text2image-v3' }))).toEqual(
      sdEndpoints['text2image-v3'].historyName,
    )
    expect(sdEndpoints['text2image-v3'].historyName.en).toBe('ControlNet')
    for (const toolId of toolIds)
      expect(historyKindName(record({ kind: 'tool', toolId }))).toEqual(toolRegistry[toolId].name)
    expect(historyKindName(record({ kind: 'custom' }))).toEqual(customRequestName)
  })
})
