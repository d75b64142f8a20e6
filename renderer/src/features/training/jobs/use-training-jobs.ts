import { useEffect, useState } from 'react'
import type { TrainingTaskRecord } from '#contract'
import { useClient } from '../../../app/client-context'

/** The most recent jobs the screen lists; older ones are in the history. */
export const jobsShown = 20

export interface UploadProgress {
  readonly uploaded: number
  readonly total: number
}

/**
 * The latest training jobs from the history, kept current by `tasks.changed`, and the dataset
 * upload of each job in flight (`training.upload`). A push that arrives before the first page wins.
 */
export function useTrainingJobs() {
  const client = useClient()
  const [jobs, setJobs] = useState<readonly TrainingTaskRecord[]>([])
  const [uploads, setUploads] = useState<Readonly<Record<string, UploadProgress>>>({})
  useEffect(() => {
    let current = true
    const pushed = new Map<string, TrainingTaskRecord>()
    const upsert = (record: TrainingTaskRecord) =>
      setJobs((old) => {
        const rest = old.filter((job) => job.id !== record.id)
        return [record, ...rest].sort((a, b) => b.createdAt - a.createdAt).slice(0, jobsShown)
      })
    const offChanged = client.on('tasks.changed', (record) => {
      if (record.kind !== 'training') return
      pushed.set(record.id, record)
      upsert(record)
    })
    const offUpload = client.on('training.upload', ({ taskId, uploaded, total }) =>
      setUploads((old) => ({ ...old, [taskId]: { uploaded, total } })),
    )
    client.call('history.list', { kind: ['training'], limit: jobsShown }).then(
      (page) => {
        if (!current) return
        const listed = page.items.flatMap((item) =>
          item.kind === 'training' && !pushed.has(item.id) ? [item] : [],
        )
        setJobs((old) => [...old, ...listed].sort((a, b) => b.createdAt - a.createdAt).slice(0, jobsShown))
      },
      () => undefined,
    )
    return () => {
      current = false
      offChanged()
      offUpload()
    }
  }, [client])
  return { jobs, uploads }
}
