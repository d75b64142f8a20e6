import type { TaskRecord } from '#contract'

/** Where the viewer is: which task of its sequence, which image of that task. */
export interface ViewerPosition {
  readonly taskIndex: number
  readonly imageIndex: number
}

const imageCount = (records: readonly TaskRecord[], index: number) => records[index]?.images.length ?? 0

/**
 * The next (or previous) image: through the task's batch first, then on into the neighbouring
 * tasks (skipping those without images). Null at either end of the sequence.
 */
export function stepImage(
  records: readonly TaskRecord[],
  from: ViewerPosition,
  delta: 1 | -1,
): ViewerPosition | null {
  const next = from.imageIndex + delta
  if (next >= 0 && next < imageCount(records, from.taskIndex)) return { ...from, imageIndex: next }
  for (let task = from.taskIndex + delta; task >= 0 && task < records.length; task += delta) {
    const count = imageCount(records, task)
    if (count > 0) return { taskIndex: task, imageIndex: delta > 0 ? 0 : count - 1 }
  }
  return null
}

/** The first image of the next (or previous) task that has one; null at either end. */
export function stepTask(
  records: readonly TaskRecord[],
  from: ViewerPosition,
  delta: 1 | -1,
): ViewerPosition | null {
  for (let task = from.taskIndex + delta; task >= 0 && task < records.length; task += delta) {
    if (imageCount(records, task) > 0) return { taskIndex: task, imageIndex: 0 }
  }
  return null
}

/**
 * The sequence the viewer walks: the history page it loaded, with the opened task at its place, or
 * the opened task alone in front when the page does not hold it (an older task).
 */
export function placeInSequence(
  page: readonly TaskRecord[],
  opened: TaskRecord,
): { records: TaskRecord[]; taskIndex: number } {
  const at = page.findIndex((record) => record.id === opened.id)
  if (at >= 0) return { records: page.map((record, i) => (i === at ? opened : record)), taskIndex: at }
  return { records: [opened, ...page], taskIndex: 0 }
}
