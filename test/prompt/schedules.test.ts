import { describe, expect, it } from 'vitest'
import { promptSchedules } from '../../renderer/src/features/prompt/schedules'

const g = (prompt: string) => promptSchedules(prompt, 10)
const alternating = (a: string, b: string, steps: number) =>
  Array.from({ length: steps }, (_, index): [number, string] => [index + 1, index % 2 === 0 ? a : b])

/* A1111's doctests for get_learned_conditioning_prompt_schedules, with 10 steps. */
describe('promptSchedules, A1111 doctests', () => {
  it('keeps a prompt without schedules for all steps', () => {
    expect(g('test')).toEqual([[10, 'test']])
  })

  it('adds text after a step with [to:when]', () => {
    expect(g('a [b:3]')).toEqual([
      [3, 'a '],
      [10, 'a b'],
    ])
    expect(g('a [b: 3]')).toEqual([
      [3, 'a '],
      [10, 'a b'],
    ])
    expect(g('a [[[b]]:2]')).toEqual([
      [2, 'a '],
      [10, 'a [[b]]'],
    ])
    expect(g('[(a:2):3]')).toEqual([
      [3, ''],
      [10, '(a:2)'],
    ])
  })

  it('swaps text with [from:to:when], nested too', () => {
    expect(g('a [b : c : 1] d')).toEqual([
      [1, 'a b  d'],
      [10, 'a  c  d'],
    ])
    expect(g('a[b:[c:d:2]:1]e')).toEqual([
      [1, 'abe'],
      [2, 'ace'],
      [10, 'ade'],
    ])
  })

  it('leaves an unbalanced bracket alone', () => {
    expect(g('a [unbalanced')).toEqual([[10, 'a [unbalanced']])
  })

  it('reads a when with a dot as a fraction of the steps', () => {
    expect(g('a [b:.5] c')).toEqual([
      [5, 'a  c'],
      [10, 'a b c'],
    ])
  })

  it('uses the prompt as written when a bar is outside [a|b] (the doctest "a [{b|d{:.5] c" is stale)', () => {
    // The doctest still shows the output of the grammar before alternation existed; the current
    // grammar cannot parse a bare `|`, and A1111 itself returns the prompt unchanged.
    expect(g('a [{b|d{:.5] c')).toEqual([[10, 'a [{b|d{:.5] c']])
  })

  it('treats stray brackets at top level as text', () => {
    expect(g('((a][:b:c [d:3]')).toEqual([
      [3, '((a][:b:c '],
      [10, '((a][:b:c d'],
    ])
  })

  it('alternates per step with [a|b], empty options included', () => {
    expect(g('[a|(b:1.1)]')).toEqual(alternating('a', '(b:1.1)', 10))
    expect(g('[fe|]male')).toEqual(alternating('female', 'male', 10))
    expect(g('[fe|||]male')).toEqual([
      [1, 'female'],
      [2, 'male'],
      [3, 'male'],
      [4, 'male'],
      [5, 'female'],
      [6, 'male'],
      [7, 'male'],
      [8, 'male'],
      [9, 'female'],
      [10, 'male'],
    ])
  })
})

describe('promptSchedules, further A1111 behaviour (20 steps)', () => {
  const s = (prompt: string) => promptSchedules(prompt, 20)

  it('handles [from:to:when], [to:when] and [from::when]', () => {
    expect(s('a [cat:dog:0.5] b')).toEqual([
      [10, 'a cat b'],
      [20, 'a dog b'],
    ])
    expect(s('[dog:5]')).toEqual([
      [5, ''],
      [20, 'dog'],
    ])
    expect(s('[cat::5]')).toEqual([
      [5, 'cat'],
      [20, ''],
    ])
  })

  it('reads when as lark reads a signed number', () => {
    expect(s('a [b:c:1e1] d')).toEqual([
      [10, 'a b d'],
      [20, 'a c d'],
    ])
    expect(s('[x:y: 3 ]')).toEqual([
      [3, 'x'],
      [20, 'y'],
    ])
    expect(s('[a:b:-3]')).toEqual([[20, 'b']])
    expect(s('[a:b:0.05]')).toEqual([
      [1, 'a'],
      [20, 'b'],
    ])
  })

  it('schedules inside emphasis and keeps the emphasis text', () => {
    expect(s('((a:[b:c:0.25]))')).toEqual([
      [5, '((a:b))'],
      [20, '((a:c))'],
    ])
  })

  it('ignores all schedules when a bar stands outside brackets', () => {
    expect(s('a | b [c:1]')).toEqual([[20, 'a | b [c:1]']])
  })

  it('prefers the schedule where A1111 chooses between readings at random', () => {
    // lark's choice here depends on Python's hash seed; a schedule is what the user meant.
    expect(promptSchedules('[a:1]]', 4)).toEqual([
      [1, ']'],
      [4, 'a]'],
    ])
  })

  it('never throws: odd steps and very deep nesting', () => {
    expect(promptSchedules('[a:b:2]', Number.NaN)).toEqual([[1, 'a']])
    expect(promptSchedules('[a:b:0.5]', 0)).toEqual([[1, 'b']])
    const deep = `${'['.repeat(3000)}a:1${']'.repeat(3000)}`
    expect(promptSchedules(deep, 10)).toEqual([[10, deep]])
  })
})
