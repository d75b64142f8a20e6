import { useCallback } from 'react'
import { useClient } from '../../../app/client-context'
import { useTrainingStore } from '../training-store'
import { importImage, pendingImage, type NamedFile } from './read-dataset'

/** Two reads at a time: the 2-core machines this runs on stay responsive while a folder loads. */
const parallelReads = 2

/**
 * Adds picked or dropped files to the set: each shows at once as "reading", then with its
 * thumbnail, size and format once main has it in the image cache, or as unreadable.
 */
export function useAddImages() {
  const client = useClient()
  return useCallback(
    async (files: readonly NamedFile[], skipped: number) => {
      const rows = files.map((named) => ({ row: pendingImage(named.name), file: named.file }))
      useTrainingStore.getState().addImages(
        rows.map((entry) => entry.row),
        skipped,
      )
      let next = 0
      const worker = async () => {
        while (next < rows.length) {
          const entry = rows[next]
          next += 1
          if (!entry) return
          const done = await importImage(client, entry.row, entry.file)
          // Skipped when the user removed the image or cleared the set meanwhile.
          if (useTrainingStore.getState().images.some((image) => image.id === done.id))
            useTrainingStore.getState().updateImage(done)
        }
      }
      await Promise.all(Array.from({ length: parallelReads }, worker))
    },
    [client],
  )
}
