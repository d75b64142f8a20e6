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

describe('analyzePrompt with AND', () => {
  it('marks each AND and each sub-prompt weight, and lists the sub-prompts', () => {
    const text = 'a cat AND (dog:1.2) AND bird :0.5'
    const analysis = analyzePrompt(text)
    expect(spans(text, analysis)).toEqual([
      'and AND',
      'emphasis-open (',
      'weight :1.2',
      'emphasis-close )',
      'and AND',
      'subprompt-weight :0.5',
    ])
    expect(analysis.subPrompts).toEqual([
      { from: 0, to: 6, weight: 1 },
      { from: 9, to: 20, weight: 1 },
      { from: 23, to: 33, weight: 0.5 },
    ])
    expect(weightAt(analysis, text.indexOf('bird'))).toBe(1)
    expect(weightAt(analysis, text.indexOf(':0.5'))).toBeNull()
  })

  it('reads a trailing weight without AND as A1111 does, and leaves lower-case and alone', () => {
    const text = 'cat and dog:1.2'
    const analysis = analyzePrompt(text)
    expect(spans(text, analysis)).toEqual(['subprompt-weight :1.2'])
    expect(analysis.subPrompts).toEqual([{ from: 0, to: 15, weight: 1.2 }])
  })

  it('never pairs brackets across AND', () => {
    const text = '(a AND b)'
    const analysis = analyzePrompt(text)
    expect(analysis.unbalanced).toEqual([0, 8])
    expect(weightAt(analysis, text.indexOf('a'))).toBe(1.1)
    expect(weightAt(analysis, text.indexOf('b'))).toBe(1)
  })

  it('reads schedules and stray bars in each sub-prompt on its own', () => {
    const text = 'a | b AND [c:d:5]'
    expect(spans(text, analyzePrompt(text))).toEqual([
      'invalid |',
      'and AND',
      'schedule-bracket [',
      'schedule-from c',
      'schedule-colon :',
      'schedule-to d',
      'schedule-colon :',
      'schedule-when 5',
      'schedule-bracket ]',
    ])
  })

  it('does not split a negative prompt', () => {
    const text = '(a AND b:1.2)'
    const analysis = analyzePrompt(text, { composable: false })
    expect(spans(text, analysis)).toEqual(['emphasis-open (', 'weight :1.2', 'emphasis-close )'])
    expect(analysis.subPrompts).toEqual([{ from: 0, to: 13, weight: 1 }])
    expect(weightAt(analysis, text.indexOf('b'))).toBe(1.2)
  })
})

describe('analyzePrompt with comments', () => {
  it('marks comments and weighs the prompt as if they were not there', () => {
    const text = 'a (b # c)\nd'
    const analysis = analyzePrompt(text)
    expect(spans(text, analysis)).toEqual(['unbalanced (', 'comment # c)'])
    // The `)` is in the comment, so the bracket stays open to the end, as after A1111 removes it.
    expect(weightAt(analysis, text.indexOf('d'))).toBe(1.1)
    expect(weightAt(analysis, text.indexOf('c)'))).toBeNull()
  })

  it('finds no AND, tag, brace or embedding in a comment', () => {
    const text = 'cat # AND <lora:x:1> {easynegative} :2\ndog'
    const analysis = analyzePrompt(text, { embeddings: new Set(['easynegative']) })
    expect(spans(text, analysis)).toEqual(['comment # AND <lora:x:1> {easynegative} :2'])
    expect(analysis.networks).toEqual([])
    expect(analysis.subPrompts).toEqual([{ from: 0, to: text.length, weight: 1 }])
  })

  it('splits on an AND after a comment, and finds tags where A1111 looks for them', () => {
    const text = 'cat #x\nAND <lora:y:0.5> dog :2'
    const analysis = analyzePrompt(text)
    expect(spans(text, analysis)).toEqual([
      'comment #x',
      'and AND',
      'lora <lora:y:0.5>',
      'network-name y',
      'network-weight 0.5',
      'subprompt-weight :2',
    ])
    expect(analysis.subPrompts.map((part) => part.weight)).toEqual([1, 2])
  })

  it('drops the line break of a whole-line comment, so a weight on the next line still ends the words', () => {
    // A1111 reads `cat, dog\n:1.5`: the break is only whitespace before the colon.
    const text = 'cat, dog\n# note\n:1.5'
    expect(analyzePrompt(text).subPrompts).toEqual([{ from: 0, to: text.length, weight: 1.5 }])
    // Words on two lines are not a part A1111 can weigh: `cat\ndog:1.5` keeps `:1.5` as text.
    const split = 'cat\n# note\ndog:1.5'
    expect(analyzePrompt(split).subPrompts).toEqual([{ from: 0, to: split.length, weight: 1 }])
  })
})
