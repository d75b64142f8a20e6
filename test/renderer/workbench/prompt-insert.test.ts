import { beforeEach, describe, expect, it } from 'vitest'
import { presetSchema, type EmbeddingPreset, type LoraPreset } from '#contract'
import { insertAt } from '../../../renderer/src/features/workbench/prompt-insert'
import { useWorkbenchStore } from '../../../renderer/src/features/workbench/workbench-store'

const meta = { origin: 'user', missingOnServer: false, createdAt: 0, updatedAt: 0 } as const
const lora = presetSchema.parse({
  ...meta,
  id: 'l1',
  kind: 'lora',
  displayName: 'Detail Tweaker',
  fileName: 'add_detail',
  lora: { defaultWeight: 0.6 },
}) as LoraPreset
const negativeEmbedding = presetSchema.parse({
  ...meta,
  id: 'e1',
  kind: 'embedding',
  displayName: 'EasyNegative',
  fileName: 'EasyNegative',
  embedding: { intendedFor: 'negative' },
}) as EmbeddingPreset

describe('library insert at the prompt cursor', () => {
  beforeEach(() => useWorkbenchStore.setState(useWorkbenchStore.getInitialState(), true))

  it('puts the text in place of the selection with comma separators where it touches words', () => {
    expect(insertAt('a cat', 5, 5, '<lora:x:1>')).toEqual({ text: 'a cat, <lora:x:1>', cursor: 17 })
    expect(insertAt('a cat', 0, 0, '<lora:x:1>').text).toBe('<lora:x:1>, a cat')
    expect(insertAt('a cat, sitting', 7, 7, 'X').text).toBe('a cat, X, sitting')
    expect(insertAt('a cat, dog', 7, 10, 'X').text).toBe('a cat, X')
    expect(insertAt('', 0, 0, 'X').text).toBe('X')
  })

  it("inserts a LoRA with its preset weight at the editor's last cursor, as one undo step", () => {
    const store = useWorkbenchStore.getState()
    store.setParam('prompt', 'a cat, sitting')
    store.setPromptCursor({ field: 'prompt', from: 5, to: 5 })
    useWorkbenchStore.getState().insertExtraNetwork(lora)
    expect(useWorkbenchStore.getState().draft.prompt).toBe('a cat, <lora:add_detail:0.6>, sitting')
    useWorkbenchStore.getState().undo()
    expect(useWorkbenchStore.getState().draft.prompt).toBe('a cat, sitting')
  })

  it('puts a negative embedding at the end of the negative prompt when no box was used yet', () => {
    useWorkbenchStore.getState().setParam('negative_prompt', 'blurry')
    useWorkbenchStore.getState().insertExtraNetwork(negativeEmbedding)
    expect(useWorkbenchStore.getState().draft.negative_prompt).toBe('blurry, EasyNegative')
  })
})
