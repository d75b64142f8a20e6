import { describe, expect, it } from 'vitest'
import { parseAttention } from '../../renderer/src/features/prompt/attention'

/*
 * Expected values are what A1111's `parse_prompt_attention` returns: first its doctests
 * (modules/prompt_parser.py), then cases checked against that function run under Python 3.11.
 */
describe('parseAttention, A1111 doctests', () => {
  it('leaves normal text at weight 1', () => {
    expect(parseAttention('normal text')).toEqual([['normal text', 1.0]])
  })

  it('multiplies (x) by 1.1', () => {
    expect(parseAttention('an (important) word')).toEqual([
      ['an ', 1.0],
      ['important', 1.1],
      [' word', 1.0],
    ])
  })

  it('applies an unclosed bracket to the end of the prompt', () => {
    expect(parseAttention('(unbalanced')).toEqual([['unbalanced', 1.1]])
  })

  it('reads escaped brackets as literal characters', () => {
    expect(parseAttention('\\(literal\\]')).toEqual([['(literal]', 1.0]])
  })

  it('merges neighbours of equal weight', () => {
    expect(parseAttention('(unnecessary)(parens)')).toEqual([['unnecessaryparens', 1.1]])
  })

  it('reproduces the weights to the last bit', () => {
    expect(parseAttention('a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).')).toEqual([
      ['a ', 1.0],
      ['house', 1.5730000000000004],
      [' ', 1.1],
      ['on', 1.0],
      [' a ', 1.1],
      ['hill', 0.55],
      [', sun, ', 1.1],
      ['sky', 1.4641000000000006],
      ['.', 1.1],
    ])
  })
})

describe('parseAttention, further A1111 behaviour', () => {
  it('returns one empty piece for an empty prompt', () => {
    expect(parseAttention('')).toEqual([['', 1.0]])
  })

  it('divides [x] by 1.1 and nests multiplicatively', () => {
    expect(parseAttention('(masterpiece:1.2), [[blurry]], (((detailed eyes)))')).toEqual([
      ['masterpiece', 1.2],
      [', ', 1.0],
      ['blurry', 0.8264462809917354],
      [', ', 1.0],
      ['detailed eyes', 1.3310000000000004],
    ])
    expect(parseAttention('[a')).toEqual([['a', 0.9090909090909091]])
  })

  it('splits on BREAK, and a BREAK inside brackets is weighted like its neighbours', () => {
    expect(parseAttention('a BREAK b')).toEqual([
      ['a', 1.0],
      ['BREAK', -1],
      ['b', 1.0],
    ])
    expect(parseAttention('BREAK')).toEqual([
      ['', 1.0],
      ['BREAK', -1],
      ['', 1.0],
    ])
    expect(parseAttention('(a BREAK b)')).toEqual([
      ['a', 1.1],
      ['BREAK', -1.1],
      ['b', 1.1],
    ])
    expect(parseAttention('a  BREAK  b BREAKc')).toEqual([
      ['a', 1.0],
      ['BREAK', -1],
      ['b BREAKc', 1.0],
    ])
  })

  it('needs a word boundary around BREAK the way Python sees one (Chinese letters are word characters)', () => {
    expect(parseAttention('中BREAK 文')).toEqual([['中BREAK 文', 1.0]])
  })

  it('keeps stray closers and weights without an opener as text', () => {
    expect(parseAttention('a)')).toEqual([['a)', 1.0]])
    expect(parseAttention('x:1.2)')).toEqual([['x:1.2)', 1.0]])
    expect(parseAttention('(a)\\(b)')).toEqual([
      ['a', 1.1],
      ['(b)', 1.0],
    ])
  })

  it('keeps round and square brackets on separate stacks', () => {
    expect(parseAttention('(a[b:1.5)')).toEqual([
      ['a', 1.5],
      ['b', 1.3636363636363635],
    ])
    expect(parseAttention('((a) [b] c')).toEqual([
      ['a', 1.2100000000000002],
      [' ', 1.1],
      ['b', 1.0],
      [' c', 1.1],
    ])
  })

  it('drops a lone backslash and accepts any decimal digits in a weight, as Python does', () => {
    expect(parseAttention('\\x \\')).toEqual([['x ', 1.0]])
    expect(parseAttention('(a:１.５)')).toEqual([['a', 1.5]])
    expect(parseAttention('[[a]] (b:0)')).toEqual([
      ['a', 0.8264462809917354],
      [' ', 1.0],
      ['b', 0.0],
    ])
  })

  it('closes a bracket whose weight is not a number with weight 1, where A1111 raises', () => {
    expect(parseAttention('(a:1.2.3) b')).toEqual([['a b', 1.0]])
    expect(parseAttention('x (a:.)')).toEqual([['x a', 1.0]])
  })

  it('keeps weights finite where Python would overflow to infinity', () => {
    const weights = parseAttention(`${'('.repeat(8000)}a`).map(([, weight]) => weight)
    expect(weights).toEqual([Number.MAX_VALUE])
  })
})
