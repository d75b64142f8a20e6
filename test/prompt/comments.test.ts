import { describe, expect, it } from 'vitest'
import { findPromptComments } from '../../renderer/src/features/prompt/comments'

/** The prompt without what `findPromptComments` says A1111 removes. */
function stripped(text: string): string {
  let kept = ''
  let at = 0
  for (const range of findPromptComments(text).removed) {
    kept += text.slice(at, range.from)
    at = range.to
  }
  return kept + text.slice(at)
}

const comments = (text: string) =>
  findPromptComments(text).comments.map(({ from, to }) => text.slice(from, to))

/*
 * Expected values are the output of A1111's `strip_comments` (modules/processing_scripts/comments.py,
 * run in Python 3 on each prompt), apart from the line break it may add at the very end.
 */
describe('findPromptComments', () => {
  it('removes from # to the end of the line and keeps the line break', () => {
    expect(stripped('a #c')).toBe('a ')
    expect(stripped('a #x\nb')).toBe('a \nb')
    expect(stripped('x#y#z\nw')).toBe('x\nw')
    expect(comments('x#y#z\nw')).toEqual(['#y#z'])
    expect(stripped('a#\n')).toBe('a\n')
  })

  it('removes a whole-line comment with its line break', () => {
    expect(stripped('a\n#c\nb')).toBe('a\nb')
    expect(stripped('a\n\n#c\n\nb')).toBe('a\n\n\nb')
    expect(stripped('#c\nb')).toBe('\nb')
    expect(stripped('a\n#c')).toBe('a\n')
    expect(stripped('\n#c\n')).toBe('\n')
    expect(stripped('a #x\n#y\nb')).toBe('a \nb')
  })

  it('keeps one line break of every two whole-line comments in a row, as A1111’s two passes do', () => {
    expect(stripped('a\n#x\n#y\nb')).toBe('a\n\nb')
    expect(stripped('a\n#x\n#y\n#z\nb')).toBe('a\n\nb')
    expect(comments('a\n#x\n#y\n#z\nb')).toEqual(['#x', '#y', '#z'])
    expect(stripped('#x\n#y')).toBe('\n')
  })

  it('has no escape: \\# starts a comment too', () => {
    expect(stripped('a\\#b\nc')).toBe('a\\\nc')
    expect(stripped('(a:1.2#c\n)')).toBe('(a:1.2\n)')
  })

  it('finds nothing in a prompt without #', () => {
    expect(findPromptComments('a (b:1.2) AND c')).toEqual({ comments: [], removed: [] })
  })
})
