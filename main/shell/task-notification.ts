import { isTerminalStatus, taskText, type TaskRecord } from '#contract'

export interface TaskNotice {
  readonly title: string
  readonly body: string
}

const titles = {
  en: { succeeded: 'Images ready', failed: 'Task failed', cancelled: 'Task cancelled' },
  zh: { succeeded: '图像已生成', failed: '任务失败', cancelled: '任务已取消' },
} as const

/**
 * The desktop notification for a task that just finished while the user looks elsewhere, or null
 * when none is due (still running, or a window of the app has focus).
 */
export function taskNotice(task: TaskRecord, appFocused: boolean, locale: string): TaskNotice | null {
  if (appFocused || !isTerminalStatus(task.status) || task.status === 'cancelled') return null
  const language = locale.toLowerCase().startsWith('zh') ? 'zh' : 'en'
  const status = task.status === 'succeeded' ? 'succeeded' : 'failed'
  return { title: titles[language][status], body: taskText(task).prompt.slice(0, 120) }
}
