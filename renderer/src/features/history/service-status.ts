import type { TaskStatus } from '#contract'

/**
 * The service's status text (`desc`, in Chinese whatever the UI language) read as one of our
 * statuses, with any reason it carries ("任务失败: out of memory" → failed, "out of memory"). Text
 * the table does not know gives `status: null`; the detail then shows the task's own status. The
 * raw text is always kept for display as a secondary line.
 */
const vendorWords = [
  [/排队|等待|queue/i, 'queued'],
  [/生成中|进行中|处理中|running|progress/i, 'running'],
  [/成功|完成|success/i, 'succeeded'],
  [/失败|错误|fail|error/i, 'failed'],
  [/取消|cancel/i, 'cancelled'],
] as const satisfies ReadonlyArray<readonly [RegExp, TaskStatus]>

export function readServiceStatus(text: string): { status: TaskStatus | null; reason: string | null } {
  const found = vendorWords.find(([pattern]) => pattern.test(text))
  const reason = text.split(/[:：]/).slice(1).join(':').trim()
  return { status: found?.[1] ?? null, reason: reason === '' ? null : reason.slice(0, 300) }
}
