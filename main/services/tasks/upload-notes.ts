import type { HistoryStore } from '../history/history-store'
import type { Logger } from '../logger'
import type { InputImageHost } from '../storage/image-host'

/**
 * The profile's image host as the tasks service uses it: each object is noted in the history
 * (durably) as soon as its upload returns, before any caller sees it, and the note is dropped when
 * the object is deleted or when the record holding it is written. So an object of a submit that
 * never got recorded (the app stopped while other images were still being resolved) is found and
 * deleted at the next start. What is left is the time the storage's answer to the upload takes
 * to arrive: the key is only known from that answer.
 */
export function withUploadNotes(
  host: InputImageHost,
  notes: Pick<HistoryStore, 'noteUpload' | 'dropUploadNote'>,
  logger: Logger,
): InputImageHost {
  return {
    describe: (profileId) => host.describe(profileId),

    async upload(profileId, image, options) {
      const done = await host.upload(profileId, image, options)
      try {
        notes.noteUpload(profileId, done.object)
      } catch (error) {
        // An object nobody noted could stay in the bucket for good: take it back, fail the upload.
        await host.remove(profileId, done.object).catch(() => undefined)
        throw error
      }
      return done
    },

    async remove(profileId, object, options) {
      await host.remove(profileId, object, options)
      try {
        notes.dropUploadNote(profileId, object)
      } catch (error) {
        // The object is gone; a note left behind only costs a harmless delete at the next start.
        logger.warn('tasks.upload_note_kept', { code: (error as { code?: unknown }).code ?? 'unknown' })
      }
    },
  }
}
