import { useTranslation } from 'react-i18next'
import { QueueButton, useHeldSync } from '../queue'
import { TaskCard } from './TaskCard'
import { selectLiveTasks, useTasksStore } from './tasks-store'
import { useLiveTasks } from './use-live-tasks'

/** Live task cards beside the form: several tasks at once, newest first. */
export function TasksPanel() {
  const { t } = useTranslation()
  useLiveTasks()
  useHeldSync()
  const tasks = useTasksStore(selectLiveTasks)
  return (
    <aside className="wb-tasks" aria-labelledby="wb-tasks-title">
      <div className="wb-tasks-head">
        <h3 id="wb-tasks-title">{t('workbench.tasks.title')}</h3>
        <QueueButton />
      </div>
      {tasks.length === 0 && <p className="wb-hint">{t('workbench.tasks.empty')}</p>}
      {tasks.map((task) => (
        <TaskCard key={task.record.id} task={task} />
      ))}
    </aside>
  )
}
