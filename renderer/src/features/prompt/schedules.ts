import { parseScheduleTree, type ScheduleNode, type ScheduledNode } from './schedule-parser'

/**
 * Port of AUTOMATIC1111's `get_learned_conditioning_prompt_schedules` for one prompt (without the
 * hires-fix offsets): `[[endStep, text], …]`, the text to use up to and including each end step.
 *
 * `when` is a fraction of `steps` when written with a dot (`0.25`, `1.`) and a step count when not
 * (`3`, `1e1`); it is truncated to an integer and capped at `steps`; values below 1 add no step.
 * Any `[a|b]` makes every step its own entry (A1111 alternates per step). Where A1111 cannot parse
 * the prompt (a stray `|`, a trailing backslash) the prompt is used as written, as A1111 does.
 *
 * Never throws. Choices where A1111 would fail: `steps` that is not a positive integer is taken as
 * max(1, floor(steps)) (1 for NaN); a `when` so large that Python's `int()` overflows counts as
 * `steps`; nesting deeper than `maxNestingDepth` uses the prompt as written.
 */
export function promptSchedules(text: string, steps: number): Array<[number, string]> {
  const totalSteps = Number.isFinite(steps) ? Math.max(1, Math.floor(steps)) : 1
  const tree = parseScheduleTree(text)
  if (tree === null) return [[totalSteps, text]]
  const whenByNode = new Map<ScheduledNode, number>()
  const endSteps = new Set<number>([totalSteps])
  collectSteps(tree, totalSteps, whenByNode, endSteps)
  return [...endSteps]
    .sort((a, b) => a - b)
    .map((step): [number, string] => [step, render(text, tree, step, whenByNode)])
}

/** The step a `when` stands for, computed as A1111 does (float, scale if it has a dot, int, cap). */
export function whenToStep(when: string, steps: number): number {
  const value = Number(when)
  const scaled = when.includes('.') ? value * steps : value
  return Math.min(steps, Math.trunc(scaled))
}

function collectSteps(
  nodes: ScheduleNode[],
  steps: number,
  whenByNode: Map<ScheduledNode, number>,
  endSteps: Set<number>,
): void {
  for (const node of nodes) {
    if (node.type === 'scheduled') {
      const step = whenToStep(node.when.text, steps)
      whenByNode.set(node, step)
      if (step >= 1) endSteps.add(step)
      if (node.before !== null) collectSteps(node.before, steps, whenByNode, endSteps)
      collectSteps(node.after, steps, whenByNode, endSteps)
    } else if (node.type === 'alternate') {
      for (let step = 1; step <= steps; step += 1) endSteps.add(step)
      for (const option of node.options)
        if (option !== null) collectSteps(option, steps, whenByNode, endSteps)
    }
  }
}

function render(
  text: string,
  nodes: ScheduleNode[],
  step: number,
  whenByNode: Map<ScheduledNode, number>,
): string {
  let out = ''
  for (const node of nodes) {
    if (node.type === 'text') out += text.slice(node.from, node.to)
    else if (node.type === 'scheduled') {
      const when = whenByNode.get(node) ?? 0
      const chosen = step <= when ? node.before : node.after
      if (chosen !== null) out += render(text, chosen, step, whenByNode)
    } else {
      const option = node.options[(step - 1) % node.options.length]
      if (option !== undefined && option !== null) out += render(text, option, step, whenByNode)
    }
  }
  return out
}
