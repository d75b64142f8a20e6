import { describe, expect, it } from 'vitest'
import { splitAndPrompts } from '../../renderer/src/features/prompt/composable'

/** The pairs A1111's `get_multicond_prompt_list` gives for one prompt: text and weight. */
const pairs = (prompt: string) => splitAndPrompts(prompt).map((part) => [part.text, part.weight])

/*
 * Expected values are what A1111's `get_multicond_prompt_list([prompt])` returns (its `re_AND` split
 * and `re_weight` match, run in Python 3 for each of these prompts).
 */
describe('splitAndPrompts', () => {
  it('splits at AND and reads each part’s trailing weight', () => {
    expect(pairs('a cat AND a dog:1.2')).toEqual([
      ['a cat', 1],
      [' a dog', 1.2],
    ])
    expect(pairs('a: 2 AND b :3')).toEqual([
      ['a', 2],
      [' b', 3],
    ])
  })

  it('gives an empty part for AND at the start, at the end or twice in a row', () => {
    expect(pairs('AND cat')).toEqual([
      ['', 1],
      [' cat', 1],
    ])
    expect(pairs('cat AND')).toEqual([
      ['cat', 1],
      ['', 1],
    ])
    expect(pairs('AND')).toEqual([
      ['', 1],
      ['', 1],
    ])
    expect(pairs('a AND AND b')).toEqual([
      ['a', 1],
      [' ', 1],
      [' b', 1],
    ])
    expect(pairs('AND:2')).toEqual([
      ['', 1],
      ['', 2],
    ])
  })

  it('splits only at a whole, upper-case AND, spaces or not', () => {
    expect(pairs('ANDROID AND BRAND')).toEqual([
      ['ANDROID', 1],
      [' BRAND', 1],
    ])
    expect(pairs('cat_AND_dog')).toEqual([['cat_AND_dog', 1]])
    expect(pairs('catAND dog')).toEqual([['catAND dog', 1]])
    expect(pairs('日本AND猫')).toEqual([['日本AND猫', 1]])
    expect(pairs('cat and dog')).toEqual([['cat and dog', 1]])
    expect(pairs('cat And dog')).toEqual([['cat And dog', 1]])
    expect(pairs('(a)AND(b)')).toEqual([
      ['(a)', 1],
      ['(b)', 1],
    ])
  })

  it('reads the weight forms A1111 reads', () => {
    expect(pairs('a:1.2')).toEqual([['a', 1.2]])
    expect(pairs('a :-0.5')).toEqual([['a', -0.5]])
    expect(pairs('a:-.5')).toEqual([['a', -0.5]])
    expect(pairs('a: +2 ')).toEqual([['a', 2]])
    expect(pairs('a:1.')).toEqual([['a', 1]])
    expect(pairs('a:.5')).toEqual([['a', 0.5]])
    expect(pairs('a AND\tb:0')).toEqual([
      ['a', 1],
      ['\tb', 0],
    ])
    expect(pairs('a:１.５')).toEqual([['a', 1.5]])
    expect(pairs('a:1.2:1.3')).toEqual([['a:1.2', 1.3]])
  })

  it('keeps what is not a weight as text, at weight 1', () => {
    expect(pairs('a:1.2.3')).toEqual([['a:1.2.3', 1]])
    expect(pairs('a:1e3')).toEqual([['a:1e3', 1]])
    expect(pairs('a:')).toEqual([['a:', 1]])
    expect(pairs('a:+-1')).toEqual([['a:+-1', 1]])
    expect(pairs('(x:1.2)')).toEqual([['(x:1.2)', 1]])
    expect(pairs('')).toEqual([['', 1]])
  })

  it('keeps leading whitespace, drops trailing whitespace, and follows Python’s line rules', () => {
    expect(pairs('  :1.2')).toEqual([['  ', 1.2]])
    expect(pairs(' \n a:1.2\n ')).toEqual([[' \n a', 1.2]])
    expect(pairs('a\n:1.2')).toEqual([['a', 1.2]])
    expect(pairs('a:\n1.2')).toEqual([['a', 1.2]])
    expect(pairs('a\rb:1.2')).toEqual([['a\rb', 1.2]])
    // Words on two lines: Python's `.` stops at the line break, so nothing matches and the weight stays text.
    expect(pairs('a\nb:1.2')).toEqual([['a\nb:1.2', 1]])
    expect(pairs('cat AND a\nb:2 ')).toEqual([
      ['cat', 1],
      [' a\nb:2 ', 1],
    ])
  })

  it('says where each part, its text and its weight are', () => {
    const prompt = 'a cat AND a dog :1.2 '
    expect(splitAndPrompts(prompt)).toEqual([
      { from: 0, to: 6, text: 'a cat', textTo: 5, weight: 1 },
      { from: 9, to: 21, text: ' a dog', textTo: 15, weight: 1.2, weightSpan: { from: 16, to: 20 } },
    ])
    expect(prompt.slice(16, 20)).toBe(':1.2')
  })

  it('reads digits outside the Basic Multilingual Plane as Python does', () => {
    expect(pairs('a:\u{1D7D0}')).toEqual([['a', 2]])
  })
})
