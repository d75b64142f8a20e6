import { describe, expect, it } from 'vitest'
import { DynamicPromptError, expandTemplate, type WildcardLookup } from '#contract'

/*
 * The examples of sd-dynamic-prompts' docs/SYNTAX.md, read as behaviour: each test states what
 * that guide says a template produces.
 */

function lookup(files: Record<string, string[]>): WildcardLookup {
  return { values: (name) => files[name], names: () => Object.keys(files) }
}

const all = (template: string, wildcards?: WildcardLookup, count = 1000) =>
  expandTemplate(template, { mode: 'combinatorial', count, wildcards }).prompts

function errorOf(run: () => unknown): DynamicPromptError {
  try {
    run()
  } catch (error) {
    if (error instanceof DynamicPromptError) return error
    throw error
  }
  throw new Error('expected a DynamicPromptError')
}

describe('variants', () => {
  it('makes one prompt per option of {a|b|c}', () => {
    expect(all('{summer|autumn|winter|spring} is coming')).toEqual([
      'summer is coming',
      'autumn is coming',
      'winter is coming',
      'spring is coming',
    ])
  })

  it('loops over variants like nested loops, the first changing slowest, and counts them', () => {
    const result = expandTemplate('a {red|blue} {cat|dog}', { mode: 'combinatorial', count: 10 })
    expect(result.prompts).toEqual(['a red cat', 'a red dog', 'a blue cat', 'a blue dog'])
    expect(result.total).toBe(4)
  })

  it('joins {2$$…} choices with ", " and never repeats an option', () => {
    expect(all('{2$$chocolate|vanilla|strawberry}')).toEqual([
      'chocolate, vanilla',
      'chocolate, strawberry',
      'vanilla, strawberry',
    ])
  })

  it('uses a custom separator written between two $$', () => {
    expect(all('flavours: {2$$ and $$chocolate|vanilla|strawberry}')).toContain(
      'flavours: chocolate and vanilla',
    )
  })

  it('takes a range of counts, with either bound left out', () => {
    const ranged = all('{1-2$$ and $$chocolate|vanilla|strawberry}')
    expect(ranged).toEqual([
      'chocolate',
      'vanilla',
      'strawberry',
      'chocolate and vanilla',
      'chocolate and strawberry',
      'vanilla and strawberry',
    ])
    expect(all('{-2$$a|b|c}')).toEqual(all('{1-2$$a|b|c}'))
    expect(all('{1-$$a|b|c}')).toEqual(all('{1-3$$a|b|c}'))
  })

  it('gives only as many as there are when more are asked for', () => {
    expect(all('p{4$$chocolate|vanilla|strawberry}')).toEqual(['pchocolate, vanilla, strawberry'])
  })

  it('expands nested variants inside options', () => {
    expect(all('{a {big|small} cat|dog}')).toEqual(['a big cat', 'a small cat', 'dog'])
  })

  it('reads a weight before :: and leaves it out of the prompt', () => {
    expect(all('{0.5::summer|0.1::autumn|winter}')).toEqual(['summer', 'autumn', 'winter'])
  })
})

describe('random mode', () => {
  it('gives the same prompts for the same seed, and others for another seed', () => {
    const template = '{red|green|blue|yellow} {cat|dog|fox|owl} {day|night}'
    const first = expandTemplate(template, { mode: 'random', count: 20, seed: 7 })
    const again = expandTemplate(template, { mode: 'random', count: 20, seed: 7 })
    const other = expandTemplate(template, { mode: 'random', count: 20, seed: 8 })
    expect(first.prompts).toHaveLength(20)
    expect(again.prompts).toEqual(first.prompts)
    expect(other.prompts).not.toEqual(first.prompts)
    for (const prompt of first.prompts)
      expect(prompt).toMatch(/^(red|green|blue|yellow) (cat|dog|fox|owl) (day|night)$/)
  })

  it('follows the weights: a zero weight is never chosen, a heavy one most often', () => {
    const { prompts } = expandTemplate('{0::never|9::often|1::rare}', { mode: 'random', count: 500, seed: 1 })
    expect(prompts).not.toContain('never')
    const often = prompts.filter((prompt) => prompt === 'often').length
    expect(often).toBeGreaterThan(400)
    expect(often).toBeLessThan(500)
  })

  it('picks {2$$…} without repeats', () => {
    const { prompts } = expandTemplate('{2$$a|b|c}', { mode: 'random', count: 50, seed: 3 })
    for (const prompt of prompts) {
      const [first, second] = prompt.split(', ')
      expect(first).not.toBe(second)
    }
  })
})

describe('wildcards', () => {
  const files = lookup({
    season: ['summer', '{autumn|fall}', 'winter', 'spring'],
    flavours: ['chocolate', 'vanilla', 'strawberry'],
    people_of_the_world: ['__africa__', '__asia/east__'],
    africa: ['Zimbabwean', 'Namibian'],
    'asia/east': ['Korean'],
    'colours-cold': ['blue', 'green'],
    'colours-warm': ['red', 'yellow'],
    loop_a: ['x __loop_b__'],
    loop_b: ['y __loop_a__'],
    broken: ['{unclosed'],
  })

  it('replaces __name__ with each line of its file, variants in the file expanded', () => {
    expect(all('__season__ is coming', files)).toEqual([
      'summer is coming',
      'autumn is coming',
      'fall is coming',
      'winter is coming',
      'spring is coming',
    ])
  })

  it('chooses several values of one wildcard without duplicates with {2$$__name__}', () => {
    expect(all('{2$$__flavours__}', files)).toEqual([
      'chocolate, vanilla',
      'chocolate, strawberry',
      'vanilla, strawberry',
    ])
  })

  it('resolves wildcards inside wildcards and in nested folders', () => {
    expect(all('__people_of_the_world__', files)).toEqual(['Zimbabwean', 'Namibian', 'Korean'])
    expect(all('__asia/east__ food', files)).toEqual(['Korean food'])
  })

  it('merges every file a glob matches', () => {
    expect(all('shirt: __colours*__', files)).toEqual([
      'shirt: blue',
      'shirt: green',
      'shirt: red',
      'shirt: yellow',
    ])
  })

  it('keeps single underscores in names and leaves lone __ alone', () => {
    expect(all('a__b and __ c', files)).toEqual(['a__b and __ c'])
  })

  it('names an unknown wildcard and where it is', () => {
    const error = errorOf(() => all('a cat, __hats__', files))
    expect(error.code).toBe('unknown_wildcard')
    expect(error.wildcard).toBe('hats')
    expect(error.position).toBe(7)
    expect(error.message).toContain('hats')
  })

  it('stops a wildcard loop with the loop spelt out, in both modes', () => {
    const error = errorOf(() => all('__loop_a__', files))
    expect(error.code).toBe('wildcard_cycle')
    expect(error.chain).toEqual(['loop_a', 'loop_b', 'loop_a'])
    expect(error.message).toContain('__loop_a__ → __loop_b__ → __loop_a__')
    expect(
      errorOf(() => expandTemplate('ok __loop_a__', { mode: 'random', count: 3, wildcards: files })).code,
    ).toBe('wildcard_cycle')
  })

  it('names the wildcard whose line cannot be parsed', () => {
    const error = errorOf(() => all('x __broken__', files))
    expect(error.code).toBe('unclosed_variant')
    expect(error.wildcard).toBe('broken')
    expect(error.position).toBe(2)
  })
})

describe('A1111 syntax passes through untouched', () => {
  it.each([
    '(masterpiece:1.2), [cat:dog:10], <lora:add_detail:0.6>',
    '[sitting|standing], \\(parenthesis\\), ((best)), [[bad]], BREAK',
    'a | b, a:b::c, 50$$ off',
  ])('%s', (prompt) => {
    expect(all(prompt)).toEqual([prompt])
  })

  it('keeps an A1111 alternation inside a variant option whole', () => {
    expect(all('{[cat|dog] photo|drawing}')).toEqual(['[cat|dog] photo', 'drawing'])
  })

  it('turns \\{ \\} \\| into the plain characters', () => {
    expect(all('\\{literal\\} {a\\|b|c}')).toEqual(['{literal} a|b', '{literal} c'])
  })
})

describe('errors', () => {
  it('gives the offset of a "{" never closed', () => {
    const error = errorOf(() => all('a {b|c {d|e}'))
    expect(error.code).toBe('unclosed_variant')
    expect(error.position).toBe(2)
  })

  it('gives the offset of a stray "}"', () => {
    const error = errorOf(() => all('a b} c'))
    expect(error.code).toBe('unexpected_close')
    expect(error.position).toBe(3)
  })

  it('refuses absurdly deep nesting with a typed error rather than a crash', () => {
    expect(errorOf(() => all('{'.repeat(200) + 'x' + '}'.repeat(200))).code).toBe('too_deep')
  })
})

describe('limits', () => {
  it('stops at the count asked for but still reports the full total', () => {
    const template = '{a|b|c|d|e|f|g|h|i|j}'.repeat(12)
    const result = expandTemplate(template, { mode: 'combinatorial', count: 5 })
    expect(result.prompts).toEqual([
      'aaaaaaaaaaaa',
      'aaaaaaaaaaab',
      'aaaaaaaaaaac',
      'aaaaaaaaaaad',
      'aaaaaaaaaaae',
    ])
    expect(result.total).toBe(1e12)
  })

  it('counts {k$$…} choices with their nested expansions', () => {
    // {x|y} counts twice, so two of three options: x|y&b, x|y&c, b&c → 2 + 2 + 1.
    expect(expandTemplate('{2$${x|y}|b|c}', { mode: 'combinatorial', count: 100 }).total).toBe(5)
    expect(all('{2$${x|y}|b|c}')).toHaveLength(5)
  })
})
