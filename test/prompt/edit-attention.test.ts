import { describe, expect, it } from 'vitest'
import { adjustWeight } from '../../renderer/src/features/prompt/edit-attention'

/* Expected results are what A1111's javascript/edit-attention.js produces with its default settings. */
const up = (text: string, from: number, to = from) => adjustWeight(text, from, to, 1)
const down = (text: string, from: number, to = from) => adjustWeight(text, from, to, -1)

describe('adjustWeight (Ctrl/Cmd+ArrowUp/Down)', () => {
  it('wraps the word under the caret as (word:1.1) and selects it', () => {
    expect(up('a cat, dog', 4)).toEqual({ text: 'a (cat:1.1), dog', selectionFrom: 3, selectionTo: 6 })
    expect(down('x', 1)).toEqual({ text: '(x:0.9)', selectionFrom: 1, selectionTo: 2 })
  })

  it('finds Chinese words between delimiters', () => {
    expect(up('一只猫, 中国风', 1)).toEqual({
      text: '(一只猫:1.1), 中国风',
      selectionFrom: 1,
      selectionTo: 4,
    })
  })

  it('steps an existing weight by 0.1 inside its brackets', () => {
    expect(up('a (cat:1.1), dog', 5)).toEqual({ text: 'a (cat:1.2), dog', selectionFrom: 3, selectionTo: 6 })
    expect(up('(a cat:1.25)', 3)).toEqual({ text: '(a cat:1.35)', selectionFrom: 1, selectionTo: 6 })
    expect(down('(cat:2)', 2)).toEqual({ text: '(cat:1.9)', selectionFrom: 1, selectionTo: 4 })
  })

  it('drops the brackets when the weight comes back to 1.0', () => {
    expect(down('a (cat:1.1), dog', 5)).toEqual({ text: 'a cat, dog', selectionFrom: 2, selectionTo: 5 })
    expect(up('(cat:0.9)', 2)).toEqual({ text: 'cat', selectionFrom: 0, selectionTo: 3 })
  })

  it('steps a LoRA strength by 0.05 and keeps its brackets at whole numbers', () => {
    expect(up('<lora:add_detail:0.6>', 8)).toEqual({
      text: '<lora:add_detail:0.65>',
      selectionFrom: 1,
      selectionTo: 16,
    })
    expect(down('<lora:add_detail:0.6>', 8).text).toBe('<lora:add_detail:0.55>')
    expect(up('<lora:x:1.95>', 3).text).toBe('<lora:x:2.0>')
  })

  it('converts old-style ((x)) and [[x]] to an explicit weight first', () => {
    expect(up('((cat))', 3)).toEqual({ text: '(cat:1.3)', selectionFrom: 1, selectionTo: 4 })
    expect(down('[[cat]]', 3)).toEqual({ text: '(cat:0.7)', selectionFrom: 1, selectionTo: 4 })
  })

  it('wraps a selection, leaving trailing spaces outside', () => {
    expect(up('red scarf  ', 0, 11)).toEqual({ text: '(red scarf:1.1)  ', selectionFrom: 1, selectionTo: 10 })
  })

  it('changes nothing when the caret is on no word', () => {
    expect(up('a , b', 2)).toEqual({ text: 'a , b', selectionFrom: 2, selectionTo: 2 })
  })
})
