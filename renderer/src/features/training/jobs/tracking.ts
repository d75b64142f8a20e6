import type { TrainingTaskRecord, TrainingTracking } from '#contract'

/** One line of how a job is followed, as an i18n key and its values. */
export interface TrackingLine {
  readonly key: string
  readonly values?: Readonly<Record<string, string | number>>
}

const answerExcerpt = (answer: unknown): string => {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer)
  return text.length > 160 ? `${text.slice(0, 159)}…` : text
}

/** How the watch stands, from the code and numbers main keeps (older jobs have none: no line). */
export function watchLine(
  tracking: TrainingTracking | null | undefined,
  language: string,
): TrackingLine | null {
  if (!tracking) return null
  const { checks, checkedAt, loraCount } = tracking
  if (checks === 0 || checkedAt === null) return { key: 'training.track.notChecked' }
  const time = new Date(checkedAt).toLocaleTimeString(language)
  return tracking.code === 'watching'
    ? { key: 'training.track.checked', values: { count: checks, time, loras: loraCount ?? 0 } }
    : { key: 'training.track.checkFailed', values: { count: checks, time } }
}

/**
 * What the app does to learn that a running job ended, said plainly, since §14 documents no
 * result query: it watches the profile's LoRA list for a new LoRA (by the expected name when one
 * was given); a callback URL only passes through to the user's own receiver; an attached status
 * request is sent with each check; and the user can always name the LoRA themselves.
 */
export function trackingLines(job: TrainingTaskRecord, language: string): TrackingLine[] {
  const lines: TrackingLine[] = [
    job.loraHint
      ? { key: 'training.track.watchHint', values: { profile: job.profileName, hint: job.loraHint } }
      : { key: 'training.track.watch', values: { profile: job.profileName } },
  ]
  const watch = watchLine(job.tracking, language)
  if (watch) lines.push(watch)
  if (job.knownLoras === null) lines.push({ key: 'training.track.listUnread' })
  const callback = job.params.callbackUrl
  if (typeof callback === 'string' && callback !== '')
    lines.push({ key: 'training.track.callback', values: { url: callback } })
  if (job.statusRequest) {
    lines.push({ key: 'training.track.statusRequest', values: { path: job.statusRequest.path } })
    if (job.statusAnswer !== null)
      lines.push({ key: 'training.track.statusAnswer', values: { answer: answerExcerpt(job.statusAnswer) } })
  }
  lines.push({ key: 'training.track.markDone' })
  return lines
}

/** A job still being followed (not ended and not past its send). */
export const isTracked = (job: TrainingTaskRecord) =>
  job.status === 'queued' ||
  job.status === 'running' ||
  (job.status === 'submitting' && job.stage !== 'ended')
