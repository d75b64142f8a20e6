import { isPythonSpace } from '#contract/infotext/python-text'

/*
 * The prompt-editing grammar of AUTOMATIC1111 (modules/prompt_parser.py, a lark Earley grammar):
 *
 *   start     : (prompt | one of [ ] ( ) :)*          stray brackets and colons only at top level
 *   prompt    : (emphasized | scheduled | alternate | plain | whitespace)*
 *   emphasized: "(" prompt ")" | "(" prompt ":" prompt ")" | "[" prompt "]"
 *   scheduled : "[" [prompt ":"] prompt ":" [ws] NUMBER [ws] "]"
 *   alternate : "[" prompt ("|" [prompt])+ "]"
 *   plain     : greedy /([^\\\[\]():|]|\\.)+/        so `|` is only legal inside [a|b]
 *
 * Inside a construct every bracket must itself be a construct, so parsing there is deterministic.
 * At top level a bracket may also be a literal character, and lark's choice between the readings
 * is not stable: it depends on Python's string-hash seed (`[a:1]]` gives a schedule in some runs
 * and plain text in others). This parser always takes the construct when one parses, which is one
 * of lark's outcomes and the one a user means. Where every reading agrees it gives lark's result.
 */

export type ScheduleNode = TextNode | ScheduledNode | AlternateNode

/** Text kept verbatim at every step (plain text, emphasis brackets, stray brackets). */
export interface TextNode {
  type: 'text'
  from: number
  to: number
}

/** `[before:after:when]`, `[after:when]` (before is null) or `[before::when]` (after is empty). */
export interface ScheduledNode {
  type: 'scheduled'
  from: number
  to: number
  before: ScheduleNode[] | null
  after: ScheduleNode[]
  /** Offsets of the one or two colons and of the number. */
  colons: number[]
  when: { from: number; to: number; text: string }
}

/** `[a|b|c]`: one option per step in turn; an empty option is null. */
export interface AlternateNode {
  type: 'alternate'
  from: number
  to: number
  options: Array<ScheduleNode[] | null>
  bars: number[]
}

interface Parsed {
  nodes: ScheduleNode[]
  end: number
}

/*
 * Deeper nesting than this aborts the parse like a syntax error (the prompt is used as written).
 * A1111 itself fails far earlier with Python's RecursionError; a fixed bound keeps this one from
 * depending on the JavaScript stack size.
 */
export const maxNestingDepth = 200

/** lark's SIGNED_NUMBER, matched greedily in the order of its compiled alternatives. */
const signedNumber = /[+-]?(?:\d+[eE][+-]?\d+|(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+)/y
/** Characters a plain token cannot hold: [ ] ( ) : | (a backslash escapes the next one). */
const isPlainStop = (code: number) =>
  code === 91 || code === 93 || code === 40 || code === 41 || code === 58 || code === 124
const backslash = 92
const newline = 10

class TooDeep extends Error {}

class ScheduleParser {
  private readonly squareMemo = new Map<number, Parsed | null>()
  private readonly roundMemo = new Map<number, Parsed | null>()

  constructor(private readonly text: string) {}

  /** The whole prompt, or null where lark raises (a stray `|`, a backslash at the end or before a newline). */
  parseStart(): ScheduleNode[] | null {
    const nodes: ScheduleNode[] = []
    let at = 0
    while (at < this.text.length) {
      const char = this.text[at] as string
      const construct = char === '[' ? this.parseSquare(at, 0) : char === '(' ? this.parseRound(at, 0) : null
      if (construct !== null) {
        appendAll(nodes, construct.nodes)
        at = construct.end
      } else if (char === '[' || char === ']' || char === '(' || char === ')' || char === ':') {
        appendText(nodes, at, at + 1)
        at += 1
      } else {
        const prompt = this.parsePrompt(at, 0)
        if (prompt.end === at) return null
        appendAll(nodes, prompt.nodes)
        at = prompt.end
      }
    }
    return nodes
  }

  /** A `prompt`: stops before the first character it cannot take (a delimiter or a failed construct). */
  private parsePrompt(start: number, depth: number): Parsed {
    const nodes: ScheduleNode[] = []
    const { text } = this
    let at = start
    while (at < text.length) {
      const char = text[at] as string
      if (char === '[' || char === '(') {
        const construct = char === '[' ? this.parseSquare(at, depth + 1) : this.parseRound(at, depth + 1)
        if (construct === null) break
        appendAll(nodes, construct.nodes)
        at = construct.end
        continue
      }
      const end = this.plainEnd(at)
      if (end === at) break
      appendText(nodes, at, end)
      at = end
    }
    return { nodes, end: at }
  }

  private plainEnd(start: number): number {
    const { text } = this
    let at = start
    while (at < text.length) {
      const code = text.charCodeAt(at)
      if (code === backslash) {
        // lark's `\\.`: a backslash takes any next character but a newline, and cannot end the text.
        if (at + 1 >= text.length || text.charCodeAt(at + 1) === newline) break
        at += 2
      } else if (isPlainStop(code)) break
      else at += 1
    }
    return at
  }

  private parseRound(start: number, depth: number): Parsed | null {
    const known = this.roundMemo.get(start)
    if (known !== undefined) return known
    if (depth > maxNestingDepth) throw new TooDeep()
    const result = this.parseRoundUncached(start, depth)
    this.roundMemo.set(start, result)
    return result
  }

  private parseRoundUncached(start: number, depth: number): Parsed | null {
    const nodes: ScheduleNode[] = [{ type: 'text', from: start, to: start + 1 }]
    const first = this.parsePrompt(start + 1, depth)
    appendAll(nodes, first.nodes)
    let at = first.end
    if (this.text[at] === ':') {
      appendText(nodes, at, at + 1)
      const second = this.parsePrompt(at + 1, depth)
      appendAll(nodes, second.nodes)
      at = second.end
    }
    if (this.text[at] !== ')') return null
    appendText(nodes, at, at + 1)
    return { nodes, end: at + 1 }
  }

  private parseSquare(start: number, depth: number): Parsed | null {
    const known = this.squareMemo.get(start)
    if (known !== undefined) return known
    if (depth > maxNestingDepth) throw new TooDeep()
    const result = this.parseSquareUncached(start, depth)
    this.squareMemo.set(start, result)
    return result
  }

  private parseSquareUncached(start: number, depth: number): Parsed | null {
    const first = this.parsePrompt(start + 1, depth)
    const delimiter = this.text[first.end]
    if (delimiter === ']') {
      const nodes: ScheduleNode[] = [{ type: 'text', from: start, to: start + 1 }]
      appendAll(nodes, first.nodes)
      appendText(nodes, first.end, first.end + 1)
      return { nodes, end: first.end + 1 }
    }
    if (delimiter === '|') return this.parseAlternate(start, first, depth)
    if (delimiter === ':') return this.parseScheduled(start, first, depth)
    return null
  }

  private parseAlternate(start: number, first: Parsed, depth: number): Parsed | null {
    const options: Array<ScheduleNode[] | null> = [first.nodes]
    const bars: number[] = []
    let at = first.end
    while (this.text[at] === '|') {
      bars.push(at)
      const option = this.parsePrompt(at + 1, depth)
      options.push(option.end === at + 1 ? null : option.nodes)
      at = option.end
    }
    if (this.text[at] !== ']') return null
    return { nodes: [{ type: 'alternate', from: start, to: at + 1, options, bars }], end: at + 1 }
  }

  private parseScheduled(start: number, first: Parsed, depth: number): Parsed | null {
    const firstColon = first.end
    const whenOnly = this.whenAndClose(firstColon + 1)
    if (whenOnly !== null) {
      const node: ScheduledNode = {
        type: 'scheduled',
        from: start,
        to: whenOnly.end,
        before: null,
        after: first.nodes,
        colons: [firstColon],
        when: whenOnly.when,
      }
      return { nodes: [node], end: whenOnly.end }
    }
    const second = this.parsePrompt(firstColon + 1, depth)
    if (this.text[second.end] !== ':') return null
    const closing = this.whenAndClose(second.end + 1)
    if (closing === null) return null
    const node: ScheduledNode = {
      type: 'scheduled',
      from: start,
      to: closing.end,
      before: first.nodes,
      after: second.nodes,
      colons: [firstColon, second.end],
      when: closing.when,
    }
    return { nodes: [node], end: closing.end }
  }

  /** `[ws] NUMBER [ws] "]"` from `start`. */
  private whenAndClose(start: number): { when: ScheduledNode['when']; end: number } | null {
    let at = this.skipSpace(start)
    signedNumber.lastIndex = at
    const match = signedNumber.exec(this.text)
    if (match === null) return null
    const when = { from: at, to: at + match[0].length, text: match[0] }
    at = this.skipSpace(when.to)
    return this.text[at] === ']' ? { when, end: at + 1 } : null
  }

  private skipSpace(start: number): number {
    let at = start
    while (isPythonSpace(this.text[at])) at += 1
    return at
  }
}

function appendText(nodes: ScheduleNode[], from: number, to: number): void {
  const last = nodes[nodes.length - 1]
  if (last?.type === 'text' && last.to === from) last.to = to
  else nodes.push({ type: 'text', from, to })
}

function appendAll(nodes: ScheduleNode[], more: ScheduleNode[]): void {
  for (const node of more) {
    if (node.type === 'text') appendText(nodes, node.from, node.to)
    else nodes.push(node)
  }
}

/** The prompt's schedule structure, or null where A1111 would take the prompt as written. */
export function parseScheduleTree(text: string): ScheduleNode[] | null {
  try {
    return new ScheduleParser(text).parseStart()
  } catch (error) {
    if (error instanceof TooDeep) return null
    throw error
  }
}
