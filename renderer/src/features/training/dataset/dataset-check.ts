import { trainingImageLimits } from '#contract'
import type { DatasetCheck, DatasetImage, ImageProblem, SetProblem } from './dataset-types'

/** §14: `fileUrlList` takes 10–100 public image links. */
export const datasetLimits = trainingImageLimits

/**
 * Checks the set before anything leaves the machine: unreadable files, the same picture twice (by
 * its SHA-256, whatever the file is called), pictures whose shorter side is under the training
 * resolution, and too few or too many pictures once those are set aside. Every problem is named
 * where the user sees it; `ok` says whether Submit may go on.
 */
export function checkDataset(images: readonly DatasetImage[], resolution: number | null): DatasetCheck {
  const byImage: Record<string, ImageProblem> = {}
  const firstByKey = new Map<string, DatasetImage>()
  const unique: DatasetImage[] = []
  let reading = 0
  for (const image of images) {
    if (image.state === 'reading') {
      reading += 1
      continue
    }
    if (image.state === 'unreadable' || image.cacheKey === null) {
      byImage[image.id] = { kind: 'unreadable' }
      continue
    }
    const first = firstByKey.get(image.cacheKey)
    if (first) {
      byImage[image.id] = { kind: 'duplicate', of: first.name }
      continue
    }
    firstByKey.set(image.cacheKey, image)
    unique.push(image)
  }
  for (const image of unique) {
    const side = Math.min(image.width ?? 0, image.height ?? 0)
    if (resolution !== null && side < resolution) byImage[image.id] = { kind: 'tooSmall', side, resolution }
  }
  const problems: SetProblem[] = []
  if (reading > 0) problems.push({ kind: 'stillReading', count: reading })
  if (unique.length < datasetLimits.min)
    problems.push({ kind: 'tooFew', count: unique.length, min: datasetLimits.min })
  if (unique.length > datasetLimits.max)
    problems.push({ kind: 'tooMany', count: unique.length, max: datasetLimits.max })
  const blocking = problems.length > 0 || unique.some((image) => byImage[image.id] !== undefined)
  return { usable: unique, byImage, problems, ok: !blocking }
}
