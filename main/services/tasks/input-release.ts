import type { TaskInput } from '#contract'
import type { Logger } from '../logger'
import type { InputImageHost } from '../storage/image-host'
import { objectId } from './input-session'

export interface ReleaseDeps {
  readonly imageHost: Pick<InputImageHost, 'remove'>
  readonly logger: Logger
}

export interface ReleasedInputs {
  /** The inputs with `storageObject` cleared for each object removed. */
  readonly inputs: TaskInput[]
  /** Objects removed now. */
  readonly removed: number
  /** Objects that should have gone but are still there (the storage failed, or the call was cancelled). */
  readonly left: number
}

const errorCode = (error: unknown) => (error as { code?: unknown }).code ?? 'unknown'

/**
 * Deletes a task's uploaded objects from the profile's storage, except those the user keeps. The
 * first object that cannot be removed (storage unreachable, keys gone, `signal` aborted) stops it:
 * that one and the rest stay recorded, so the history still says where they are, and the next
 * start tries again (upload-cleanup.ts) instead of waiting out one timeout per object now.
 */
export async function releaseUploads(
  deps: ReleaseDeps,
  profileId: string,
  inputs: readonly TaskInput[],
  options: { readonly signal?: AbortSignal } = {},
): Promise<ReleasedInputs> {
  const removedIds = new Set<string>()
  const leftIds = new Set<string>()
  let failed = false
  const released: TaskInput[] = []
  for (const input of inputs) {
    const object = input.storageObject
    if (object === null || input.keepUpload) {
      released.push(input)
      continue
    }
    const id = objectId(object)
    if (!failed && !removedIds.has(id)) {
      try {
        await deps.imageHost.remove(profileId, object, { signal: options.signal })
        removedIds.add(id)
      } catch (error) {
        failed = true
        deps.logger.warn('tasks.upload_not_removed', { code: errorCode(error) })
      }
    }
    if (removedIds.has(id)) released.push({ ...input, storageObject: null })
    else {
      released.push(input)
      leftIds.add(id)
    }
  }
  return { inputs: released, removed: removedIds.size, left: leftIds.size }
}
