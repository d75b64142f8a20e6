import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAttention } from '../../renderer/src/features/prompt/attention'
import { findPromptComments } from '../../renderer/src/features/prompt/comments'
import { splitAndPrompts } from '../../renderer/src/features/prompt/composable'
import { adjustWeight } from '../../renderer/src/features/prompt/edit-attention'
import { parseInfotext } from '#contract/infotext'
import { promptSchedules } from '../../renderer/src/features/prompt/schedules'
import { analyzePrompt } from '../../renderer/src/features/prompt/tokenize'

/** Prompts made of the characters that matter to the syntax, plus ordinary and CJK text. */
const syntaxPieces = [
  '(',
  ')',
  '[',
  ']',
  ':',
  '|',
  '\\',
  '<',
  '>',
  '{',
  '}',
  'a',
  ' ',
  '1',
  '.',
  '0.5',
  'BREAK',
  '猫',
  ',',
  '\n',
  'lora:x:0.8',
  '-',
  'e',
  'AND',
  ' AND ',
  'and',
  '#',
  '# c\n',
]
const promptText = fc.oneof(
  fc.array(fc.constantFrom(...syntaxPieces), { maxLength: 40 }).map((pieces) => pieces.join('')),
  fc.string({ maxLength: 60 }),
)

function withoutRanges(text: string, ranges: Array<{ from: number; to: number }>): string {
  let kept = ''
  let at = 0
  for (const range of ranges) {
    kept += text.slice(at, range.from)
    at = range.to
  }
  return kept + text.slice(at)
}

/** Equal neighbours merged as `parse_prompt_attention` merges them; whitespace dropped if asked. */
function merged(pairs: Array<[string, number]>, ignoreSpace: boolean): Array<[string, number]> {
  const result: Array<[string, number]> = []
  for (const [piece, weight] of pairs) {
    const kept = ignoreSpace ? piece.replace(/\s/gu, '') : piece
    if (ignoreSpace && kept === '') continue
    const last = result[result.length - 1]
    if (last !== undefined && last[1] === weight) last[0] += kept
    else result.push([kept, weight])
  }
  return result.length === 0 && !ignoreSpace ? [['', 1]] : result
}

describe('the prompt language never throws', () => {
  it('parseAttention gives finite weights and merges equal neighbours', () => {
    fc.assert(
      fc.property(promptText, (text) => {
        const pairs = parseAttention(text)
        expect(pairs.length).toBeGreaterThan(0)
        for (const [index, [, weight]] of pairs.entries()) {
          expect(Number.isFinite(weight)).toBe(true)
          if (index > 0) expect(weight).not.toBe(pairs[index - 1]?.[1])
        }
      }),
      { numRuns: 400 },
    )
  })

  it('promptSchedules ends at the step count with ascending end steps', () => {
    fc.assert(
      fc.property(promptText, fc.integer({ min: 1, max: 40 }), (text, steps) => {
        const schedule = promptSchedules(text, steps)
        const ends = schedule.map(([end]) => end)
        expect(ends[ends.length - 1]).toBe(steps)
        expect([...ends].sort((a, b) => a - b)).toEqual(ends)
        expect(new Set(ends).size).toBe(ends.length)
      }),
      { numRuns: 400 },
    )
  })

  it('analyzePrompt keeps every span inside the text and weighs each sub-prompt as parseAttention does', () => {
    fc.assert(
      fc.property(promptText, (text) => {
        const analysis = analyzePrompt(text, { embeddings: new Set(['a']) })
        for (const token of analysis.tokens) {
          expect(token.from).toBeGreaterThanOrEqual(0)
          expect(token.to).toBeLessThanOrEqual(text.length)
          expect(token.to).toBeGreaterThan(token.from)
        }
        if (!/[:|<]/.test(text)) {
          // A1111's order: comments out, split on AND, then each sub-prompt weighed on its own.
          // Comments only move whitespace between pieces (the editor keeps their line breaks in place).
          const ignoreSpace = text.includes('#')
          const parts = splitAndPrompts(withoutRanges(text, findPromptComments(text).removed))
          const fromSegments = analysis.subPrompts.map((span) =>
            merged(
              analysis.segments
                .filter((segment) => segment.from >= span.from && segment.from <= span.to)
                .map((segment) => [segment.text, segment.weight]),
              ignoreSpace,
            ),
          )
          expect(fromSegments).toEqual(parts.map((part) => merged(parseAttention(part.text), ignoreSpace)))
        }
      }),
      { numRuns: 600 },
    )
  })

  it('adjustWeight returns a selection inside the new text', () => {
    fc.assert(
      fc.property(promptText, fc.nat(), fc.nat(), fc.boolean(), (text, a, b, up) => {
        const edit = adjustWeight(text, a % (text.length + 1), b % (text.length + 1), up ? 1 : -1)
        expect(edit.selectionFrom).toBeGreaterThanOrEqual(0)
        expect(edit.selectionFrom).toBeLessThanOrEqual(edit.selectionTo)
        expect(edit.selectionTo).toBeLessThanOrEqual(edit.text.length)
      }),
      { numRuns: 400 },
    )
  })

  it('parseInfotext reads anything', () => {
    const line = fc.array(
      fc.constantFrom(
        'Steps: 20',
        'Size: 5x5',
        'Seed: x',
        '"a, b"',
        ': ',
        ', ',
        'Negative prompt:',
        '\n',
        'ADetailer model 2nd: y',
        'Hires resize: 1x',
      ),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(
        fc.oneof(
          promptText,
          line.map((parts) => parts.join('')),
        ),
        (text) => {
          const { params } = parseInfotext(text)
          expect(typeof params.prompt).toBe('string')
        },
      ),
      { numRuns: 400 },
    )
  })
})
