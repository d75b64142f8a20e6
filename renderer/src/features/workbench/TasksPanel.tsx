import { useTranslation } from 'react-i18next'

/** Where live task cards (progress, previews) go; the tasks feature fills it. */
export function TasksPanel() {
  const { t } = useTranslation()
  return (
    <aside className="wb-tasks" aria-labelledby="wb-tasks-title">
      <h3 id="wb-tasks-title">{t('workbench.tasks.title')}</h3>
      <p className="wb-hint">{t('workbench.tasks.empty')}</p>
    </aside>
  )
}
