import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import type { TaskProgress, TaskRecord } from '#contract'
import type { Services } from '../services/create-services'
import { CliError, describeShape } from './cli-errors'
import { noteLine, printLine, type CliContext } from './cli-context'

/** A task's images as files: cached copies, or (with `--out`) copies in the user's folder. */
export interface TaskFiles {
  readonly paths: readonly string[]
  /** Images the app could not download; their (expiring) service URLs. */
  readonly missing: readonly { readonly index: number; readonly url: string }[]
}

/** Where each of the task's images is in the app's image cache (the services', or history-session's). */
export async function cachedFiles(
  services: { readonly images: Pick<Services['images'], 'locate'> },
  record: TaskRecord,
): Promise<TaskFiles> {
  const paths: string[] = []
  const missing: { index: number; url: string }[] = []
  for (const [index, image] of record.images.entries()) {
    const path = image.cacheKey === null ? null : await services.images.locate(image.cacheKey)
    if (path === null) missing.push({ index: index + 1, url: image.url })
    else paths.push(path)
  }
  return { paths, missing }
}

/** Copies the files to `dir` (created if needed) as `<task id>-<n>.<ext>`; answers the new paths. */
export async function copyFilesTo(files: TaskFiles, dir: string, taskId: string): Promise<TaskFiles> {
  const target = resolve(dir)
  try {
    await mkdir(target, { recursive: true })
    const copied: string[] = []
    for (const [index, path] of files.paths.entries()) {
      const destination = join(target, `${taskId}-${index + 1}${extname(path)}`)
      // Read and written (not copied) so the copy takes the user's umask, not the cache's 0600.
      await writeFile(destination, await readFile(path))
      copied.push(destination)
    }
    return { paths: copied, missing: files.missing }
  } catch {
    throw new CliError('failure', 'outDirFailed', { dir: target })
  }
}

export const reportMissing = (context: CliContext, files: TaskFiles): void => {
  for (const { index, url } of files.missing) noteLine(context, context.say('imageNotKept', { index, url }))
}

/** The error of a failed task as `--json` shows it: its code and the line a person would read. */
export const errorJson = (context: CliContext, record: TaskRecord) =>
  record.error
    ? {
        code: record.error.code,
        message: describeShape(record.error, context.say, context.locale, context.dataDir),
      }
    : null

const isoOrNull = (at: number | null) => (at === null ? null : new Date(at).toISOString())

/** A task for `status --json` and `history --json`: snake_case like the API, params as sent. */
export function taskJson(context: CliContext, record: TaskRecord, files: TaskFiles) {
  return {
    task_id: record.id,
    status: record.status,
    profile: record.profileName,
    created_at: isoOrNull(record.createdAt),
    finished_at: isoOrNull(record.finishedAt),
    description: record.description,
    images: files.paths,
    missing_image_urls: files.missing.map((image) => image.url),
    error: errorJson(context, record),
    params: record.paramsUnknown ? null : record.kind === 'custom' ? record.body : record.params,
  }
}

const labelled = (label: string, value: string) => `${`${label}:`.padEnd(10)}${value}`

/** The human summary of one task: id, status, progress, images (one path a line), error. */
export function printTask(
  context: CliContext,
  record: TaskRecord,
  files: TaskFiles,
  progress?: TaskProgress,
): void {
  const { say } = context
  printLine(context, labelled(say('labelTask'), record.id))
  printLine(context, labelled(say('labelStatus'), record.status))
  if (progress && progress.percent !== null && record.status === 'running') {
    printLine(context, labelled(say('labelProgress'), `${Math.round(progress.percent)}%`))
  }
  printLine(context, labelled(say('labelProfile'), record.profileName))
  if (files.paths.length === 0) printLine(context, labelled(say('labelImages'), say('labelNoImages')))
  for (const [index, path] of files.paths.entries()) {
    printLine(context, index === 0 ? labelled(say('labelImages'), path) : `${''.padEnd(10)}${path}`)
  }
  reportMissing(context, files)
}
