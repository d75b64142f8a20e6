import { parseScheduleTree, type ScheduleNode } from './schedule-parser'
import { skippedBy, sourceRange, type TextView } from './text-view'
import type { PromptToken, PromptTokenKind } from './tokenize'

type Mark = (kind: PromptTokenKind, from: number, to: number) => void

/**
 * Parses the schedule syntax of one sub-prompt (`from`–`to` in `view`, comments and network tags
 * already cut out, as A1111 parses it) and marks it in the prompt. Its brackets, colons, bars and
 * step numbers are flagged in `skipped`: A1111 removes them before it weighs the text.
 */
export function addScheduleTokens(
  text: string,
  view: TextView,
  range: { from: number; to: number },
  skipped: Uint8Array,
  tokens: PromptToken[],
): void {
  const tree = parseScheduleTree(view.text.slice(range.from, range.to))
  if (tree === null) {
    // A1111 then uses the sub-prompt as written: no bar alternates anything.
    const source = sourceRange(view, range.from, range.to)
    for (let index = text.indexOf('|', source.from); index !== -1 && index < source.to;) {
      if (skipped[index] === 0) tokens.push({ kind: 'invalid', from: index, to: index + 1 })
      index = text.indexOf('|', index + 1)
    }
    return
  }
  const mark: Mark = (kind, from, to) => {
    if (to <= from) return
    const source = sourceRange(view, range.from + from, range.from + to)
    tokens.push({ kind, ...source })
    if (kind !== 'schedule-from' && kind !== 'schedule-to') {
      skipped.fill(skippedBy.syntax, source.from, source.to)
    }
  }
  walkSchedule(tree, mark)
}

function walkSchedule(nodes: ScheduleNode[], mark: Mark): void {
  for (const node of nodes) {
    if (node.type === 'scheduled') {
      const [firstColon = node.from, lastColon = firstColon] = node.colons
      mark('schedule-bracket', node.from, node.from + 1)
      for (const colon of node.colons) mark('schedule-colon', colon, colon + 1)
      // The spaces around the number go with it: A1111 drops them too.
      mark('schedule-colon', lastColon + 1, node.when.from)
      mark('schedule-when', node.when.from, node.when.to)
      mark('schedule-colon', node.when.to, node.to - 1)
      mark('schedule-bracket', node.to - 1, node.to)
      if (node.before !== null) {
        mark('schedule-from', node.from + 1, firstColon)
        mark('schedule-to', firstColon + 1, lastColon)
        walkSchedule(node.before, mark)
      } else mark('schedule-to', node.from + 1, firstColon)
      walkSchedule(node.after, mark)
    } else if (node.type === 'alternate') {
      mark('alternate-bracket', node.from, node.from + 1)
      for (const bar of node.bars) mark('alternate-bar', bar, bar + 1)
      mark('alternate-bracket', node.to - 1, node.to)
      for (const option of node.options) if (option !== null) walkSchedule(option, mark)
    }
  }
}
