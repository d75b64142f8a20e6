/**
 * The prompt as A1111 reads it at some stage (comments and extra-network tags cut out), with the
 * way back to offsets in the prompt as written, so what is found in it can be highlighted there.
 */
export interface TextView {
  text: string
  /** The prompt offset of the character at `index` of `text`; the prompt's length at `text.length`. */
  toSource: (index: number) => number
}

const wholeText = (text: string): TextView => ({ text, toSource: (index) => index })

/** `text` without the characters whose `removed` entry is not 0; null when nothing is removed. */
export function visibleText(text: string, removed: Uint8Array | null): TextView {
  if (removed === null) return wholeText(text)
  const offsets = new Int32Array(text.length + 1)
  let length = 0
  let kept = ''
  let runFrom = -1
  for (let index = 0; index <= text.length; index += 1) {
    const keep = index < text.length && removed[index] === 0
    if (keep) {
      offsets[length] = index
      length += 1
      if (runFrom === -1) runFrom = index
    } else if (runFrom !== -1) {
      kept += text.slice(runFrom, index)
      runFrom = -1
    }
  }
  offsets[length] = text.length
  return { text: kept, toSource: (index) => offsets[index] ?? text.length }
}

/** A range of the view as the range of the prompt from its first to its last character. */
export function sourceRange(view: TextView, from: number, to: number): { from: number; to: number } {
  const start = view.toSource(from)
  return { from: start, to: to > from ? view.toSource(to - 1) + 1 : start }
}

/** Why a character of the prompt takes no part in weighing: the values of the analysis' `skipped` array. */
export const skippedBy = { comment: 1, network: 2, syntax: 3 } as const
