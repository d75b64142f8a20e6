import { isPythonSpace, pythonFloat, pythonWordClass } from '#contract/infotext/python-text'

/*
 * Composable diffusion as AUTOMATIC1111 reads it (modules/prompt_parser.py,
 * `get_multicond_prompt_list`): the positive prompt is cut at every `AND` that stands as a word of
 * its own (case-sensitive, Python's Unicode `\b` on both sides, no spaces needed), and each part may
 * end in `:number`, the weight its guidance gets. The negative prompt is never split. A1111 does
 * this after removing comments and extra-network tags and before it reads schedules and brackets,
 * so brackets never pair across an `AND`. Written from its behaviour, not its code.
 */

/** One part of a prompt between two `AND`s (or an end of the prompt). */
export interface SubPrompt {
  /** The part as offsets in the prompt, the `AND`s themselves left out. */
  from: number
  to: number
  /** What A1111 conditions on: the part without its weight suffix and trailing whitespace. */
  text: string
  /** Where `text` ends (it starts at `from`). */
  textTo: number
  /** The guidance weight: the trailing number, or 1. Negative weights push away from the text. */
  weight: number
  /** The `:1.2` suffix, colon to the number's last character, when the part has one. */
  weightSpan?: { from: number; to: number }
}

const andKeyword = new RegExp(`(?<![${pythonWordClass}])AND(?![${pythonWordClass}])`, 'gu')
const decimalDigit = /^\p{Nd}$/u

/** The character (a whole code point) ending at `end`, and where it starts. */
function charBefore(text: string, end: number): { char: string; from: number } {
  const low = text.charCodeAt(end - 1)
  const high = text.charCodeAt(end - 2)
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff
  const from = pair ? end - 2 : end - 1
  return { char: text.slice(from, end), from }
}

function skipSpaceBackward(text: string, end: number, floor: number): number {
  let at = end
  while (at > floor && isPythonSpace(text[at - 1])) at -= 1
  return at
}

/**
 * The weight suffix of `text[from, end)` where `end` is after the last non-space character:
 * `[space]* : [space]* [+-]? number` with number one of `1`, `1.`, `1.5`, `.5` in any decimal
 * digits. The number has to be the whole run of digits and dots before `end`, since a digit or a dot
 * cannot stand before it. Returns where the text before the suffix ends.
 */
function weightSuffix(text: string, from: number, end: number) {
  let numberFrom = end
  while (numberFrom > from) {
    const { char, from: charFrom } = charBefore(text, numberFrom)
    if (char !== '.' && !decimalDigit.test(char)) break
    numberFrom = charFrom
  }
  if (numberFrom === end) return null
  const signFrom = text[numberFrom - 1] === '+' || text[numberFrom - 1] === '-' ? numberFrom - 1 : numberFrom
  const value = pythonFloat(text.slice(signFrom, end))
  const colon = skipSpaceBackward(text, signFrom, from) - 1
  if (Number.isNaN(value) || colon < from || text[colon] !== ':') return null
  return { value, colon, textTo: skipSpaceBackward(text, colon, from) }
}

/** The weight A1111 reads from one part (`re_weight` in prompt_parser.py). */
function readPart(prompt: string, from: number, to: number): SubPrompt {
  let lead = from
  while (lead < to && isPythonSpace(prompt[lead])) lead += 1
  const end = skipSpaceBackward(prompt, to, lead)
  const suffix = weightSuffix(prompt, lead, end)
  // Python's `.` stops at a newline: a part whose words span lines keeps its suffix as text, weight 1.
  const textTo = Math.max(lead, suffix?.textTo ?? end)
  const whole = { from, to, text: prompt.slice(from, to), textTo: to, weight: 1 }
  const newline = prompt.indexOf('\n', lead)
  if (newline !== -1 && newline < textTo) return whole
  const part: SubPrompt = { ...whole, text: prompt.slice(from, textTo), textTo }
  if (suffix === null) return part
  return { ...part, weight: suffix.value, weightSpan: { from: suffix.colon, to: end } }
}

/**
 * The parts of one positive prompt with their weights, as `get_multicond_prompt_list` gives them for
 * that prompt (pass the prompt with comments and extra-network tags already removed, as A1111 does).
 * Always at least one part; `AND` at either end gives an empty part there.
 */
export function splitAndPrompts(prompt: string): SubPrompt[] {
  const parts: SubPrompt[] = []
  let from = 0
  if (prompt.includes('AND')) {
    for (const match of prompt.matchAll(andKeyword)) {
      parts.push(readPart(prompt, from, match.index))
      from = match.index + 3
    }
  }
  parts.push(readPart(prompt, from, prompt.length))
  return parts
}
