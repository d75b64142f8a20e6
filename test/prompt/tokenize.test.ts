import { describe, expect, it } from 'vitest'
import { analyzePrompt, weightAt, type PromptAnalysis } from '../../renderer/src/features/prompt/tokenize'

const spans = (text: string, analysis: PromptAnalysis) =>
  analysis.tokens.map((token) => `${token.kind} ${text.slice(token.from, token.to)}`)

describe('analyzePrompt', () => {
  it('names emphasis, weights, de-emphasis, escapes and BREAK', () => {
    const text = '(red:1.2) [blurry] \\(x\\) BREAK b'
    expect(spans(text, analyzePrompt(text))).toEqual([
      'emphasis-open (',
      'weight :1.2',
      'emphasis-close )',
      'de-emphasis-open [',
      'de-emphasis-close ]',
      'escape \\(',
      'escape \\)',
      'break BREAK',
    ])
  })

  it('names the parts of a schedule and of an alternation', () => {
    const text = '[cat:dog:0.5] [red|blue]'
    expect(spans(text, analyzePrompt(text))).toEqual([
      'schedule-bracket [',
      'schedule-from cat',
      'schedule-colon :',
      'schedule-to dog',
      'schedule-colon :',
      'schedule-when 0.5',
      'schedule-bracket ]',
      'alternate-bracket [',
      'alternate-bar |',
      'alternate-bracket ]',
    ])
  })

  it('names LoRA, LyCORIS and hypernetwork tags with their name and strength', () => {
    const text = '<lora:add_detail:0.6> <lyco:x:1> <hypernet:anime:0.5>'
    expect(spans(text, analyzePrompt(text))).toEqual([
      'lora <lora:add_detail:0.6>',
      'network-name add_detail',
      'network-weight 0.6',
      'lyco <lyco:x:1>',
      'network-name x',
      'network-weight 1',
      'hypernet <hypernet:anime:0.5>',
      'network-name anime',
      'network-weight 0.5',
    ])
  })

  it('finds embeddings by name, ignoring case, and NovelAI braces', () => {
    const text = '{best quality}, easynegative, EasyNegativeV2'
    expect(spans(text, analyzePrompt(text, { embeddings: new Set(['easynegative']) }))).toEqual([
      'brace {',
      'brace }',
      'embedding easynegative',
    ])
  })

  it('marks unbalanced brackets and braces without changing them', () => {
    const text = '((a) b] {c'
    const analysis = analyzePrompt(text)
    expect(analysis.unbalanced).toEqual([0, 6, 8])
    expect(spans(text, analysis).filter((span) => span.startsWith('unbalanced'))).toEqual([
      'unbalanced (',
      'unbalanced ]',
      'unbalanced {',
    ])
  })

  it('marks a weight that is not a number, and bars A1111 cannot use', () => {
    const text = '(a:1.2.3) a | b'
    expect(spans(text, analyzePrompt(text))).toEqual([
      'emphasis-open (',
      'weight-invalid :1.2.3',
      'emphasis-close )',
      'invalid |',
    ])
  })

  it('gives each character the weight A1111 gives it', () => {
    const text = '((cat)) [dog] ([a:b:0.5])'
    const analysis = analyzePrompt(text)
    expect(weightAt(analysis, text.indexOf('cat'))).toBe(1.2100000000000002)
    expect(weightAt(analysis, text.indexOf('dog'))).toBe(0.9090909090909091)
    expect(weightAt(analysis, text.indexOf(' '))).toBe(1)
    // A1111 removes the schedule's brackets before weighing: its words take the enclosing 1.1, not ÷1.1.
    expect(weightAt(analysis, text.indexOf('a:b'))).toBe(1.1)
    expect(weightAt(analysis, text.indexOf('b:0'))).toBe(1.1)
    expect(weightAt(analysis, text.indexOf('[a'))).toBeNull()
  })

  it('weighs schedules inside emphasis and leaves network tags out', () => {
    const text = '([a:b:0.5]:1.3) <lora:x:0.5>'
    const analysis = analyzePrompt(text)
    expect(weightAt(analysis, text.indexOf('a:'))).toBe(1.3)
    expect(weightAt(analysis, text.indexOf('b:'))).toBe(1.3)
    expect(weightAt(analysis, text.indexOf('x:'))).toBeNull()
  })
})
