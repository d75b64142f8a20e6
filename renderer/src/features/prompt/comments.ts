/*
 * Prompt comments as AUTOMATIC1111 ≥ 1.8 removes them (modules/processing_scripts/comments.py,
 * setting "Enable comments", on by default): from a `#` to the end of its line, before anything else
 * reads the prompt (extra networks, AND, schedules, brackets). There is no escape: `\#` starts one
 * too. A1111 does it in two passes: whole-line comments first, each taking its line break with it,
 * except that of two whole-line comments in a row the second keeps its line break (the first one's
 * match used up the break before it); then every other comment, keeping the line break. Written
 * from its behaviour, not its code.
 */

export interface PromptComments {
  /** Each comment, `#` to the end of its line (its line break not included). */
  comments: Array<{ from: number; to: number }>
  /**
   * Every character A1111 removes, in order: the comments and the line breaks that go with some
   * whole-line comments. One difference, which only adds trailing whitespace: where the last line
   * holds a comment, A1111 may leave a line break at the very end of the prompt.
   */
  removed: Array<{ from: number; to: number }>
}

export function findPromptComments(text: string): PromptComments {
  const found: PromptComments = { comments: [], removed: [] }
  let hash = text.indexOf('#')
  if (hash === -1) return found
  // Whether the previous line was a whole-line comment that took the line break before this line.
  let breakUsed = false
  let lineStart = text.lastIndexOf('\n', hash) + 1
  while (hash !== -1) {
    const lineBreak = text.indexOf('\n', hash)
    const lineEnd = lineBreak === -1 ? text.length : lineBreak
    const wholeLine: boolean = hash === lineStart && !breakUsed
    found.comments.push({ from: hash, to: lineEnd })
    // A whole-line comment after the first line takes its own line break, keeping the one before it.
    const takesBreak = wholeLine && lineStart > 0 && lineBreak !== -1
    found.removed.push({ from: hash, to: takesBreak ? lineEnd + 1 : lineEnd })
    if (lineBreak === -1) break
    lineStart = lineBreak + 1
    hash = text.indexOf('#', lineStart)
    // Only the line right after a whole-line comment has lost the break before it.
    breakUsed = wholeLine && hash === lineStart
    if (hash !== -1 && hash !== lineStart) lineStart = text.lastIndexOf('\n', hash) + 1
  }
  return found
}
