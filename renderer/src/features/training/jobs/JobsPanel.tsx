import { useTranslation } from 'react-i18next'
import { JobCard, type JobLinks } from './JobCard'
import { useTrainingJobs } from './use-training-jobs'

/** Step 5: the latest jobs, each with honest words on how the app learns that it ended. */
export function JobsPanel(links: JobLinks) {
  const { t } = useTranslation()
  const { jobs, uploads } = useTrainingJobs()
  return (
    <section className="tr-step" aria-labelledby="tr-jobs-title">
      <h3 id="tr-jobs-title">{t('training.jobs.title')}</h3>
      <p className="tr-hint">{t('training.jobs.explain')}</p>
      {jobs.length === 0 ? (
        <p className="tr-hint">{t('training.jobs.none')}</p>
      ) : (
        <ul className="tr-jobs" aria-label={t('training.jobs.title')}>
          {jobs.map((job) => (
            <JobCard key={job.id} job={job} upload={uploads[job.id]} {...links} />
          ))}
        </ul>
      )}
    </section>
  )
}
