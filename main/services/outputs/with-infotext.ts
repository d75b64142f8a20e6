import { isSdTask, type TaskRecord } from '#contract'
import { jpegWithUserComment, webpWithUserComment } from '../images/exif-infotext'
import { createInfotext } from '../images/infotext-write'

/** The infotext of one image of a workbench task, as the cache writes it into PNGs; null otherwise. */
function infotextOf(record: TaskRecord, index: number): string | null {
  if (!isSdTask(record)) return null
  try {
    return createInfotext(record.params, {
      seed: record.images[index]?.seed,
      kind: record.kind,
      ...(record.promptTemplate === undefined ? {} : { template: record.promptTemplate }),
    })
  } catch {
    // A record whose parameters are incomplete (an archive import) writes the picture alone.
    return null
  }
}

/**
 * The bytes to write for a saved result: a JPEG or WebP gets the task's infotext in EXIF
 * `UserComment`, where A1111 writes and reads it. A PNG already carries it (the image cache embeds
 * `parameters` when a result arrives), and anything that cannot take it is written unchanged.
 */
export function withInfotext(
  bytes: Uint8Array,
  extension: string,
  record: TaskRecord,
  index: number,
): Uint8Array {
  const write =
    extension === 'jpg' || extension === 'jpeg'
      ? jpegWithUserComment
      : extension === 'webp'
        ? webpWithUserComment
        : null
  const text = write && infotextOf(record, index)
  if (!write || !text) return bytes
  return write(bytes, text) ?? bytes
}
