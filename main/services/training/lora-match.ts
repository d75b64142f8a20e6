import type { TrainingTaskRecord } from '#contract'
import type { ApiClient, ApiConnection, ServerAsset } from '../api/api-types'

/** How many pages of 100 LoRAs are read at most (a larger list is read only in part, and logged). */
const maxPages = 50

/** Every LoRA file name the profile lists (up to 5,000). */
export async function listLoras(
  api: Pick<ApiClient, 'listAssets'>,
  connection: ApiConnection,
): Promise<ServerAsset[]> {
  const all: ServerAsset[] = []
  for (let pageNum = 1; pageNum <= maxPages; pageNum += 1) {
    const page = await api.listAssets(connection, 'lora', { pageNum, pageSize: 100 })
    all.push(...page.rows)
    if (page.rows.length < 100 || all.length >= page.total) break
  }
  return all
}

const contains = (asset: ServerAsset, needle: string) => {
  const wanted = needle.toLowerCase()
  return asset.fileName.toLowerCase().includes(wanted) || asset.displayName.toLowerCase().includes(wanted)
}

/**
 * The LoRA a job produced, judged from the profile's LoRA list (the result query is not
 * documented, §14): among the LoRAs the list did not hold when the job was sent, the first whose
 * name carries the job's task id, else its expected name (`loraHint`); failing both, the only new
 * LoRA, when no other job of the profile is waiting and the list was read at submit time. Anything
 * less certain is left to the user (`training.markDone`).
 */
export function findTrainedLora(
  job: Pick<TrainingTaskRecord, 'id' | 'knownLoras' | 'loraHint'>,
  loras: readonly ServerAsset[],
  otherJobsWaiting: number,
): ServerAsset | null {
  const known = new Set(job.knownLoras ?? [])
  const fresh = loras.filter((asset) => !known.has(asset.fileName))
  const byId = fresh.find((asset) => contains(asset, job.id))
  if (byId) return byId
  const hint = job.loraHint?.trim() ?? ''
  const byHint = hint === '' ? undefined : fresh.find((asset) => contains(asset, hint))
  if (byHint) return byHint
  const [only, ...more] = fresh
  if (only && more.length === 0 && job.knownLoras !== null && otherJobsWaiting === 0) return only
  return null
}
