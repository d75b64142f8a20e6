import type { TaskInput } from '../../contract'
import type { Logger } from '../logger'
import type { InputImageHost } from '../storage/image-host'
import { objectId } from './input-session'

export interface ReleaseDeps {
  readonly imageHost: Pick<InputImageHost, 'remove'>
  readonly logger: Logger
}

/**
 * Deletes a finished task's uploaded objects from the profile's storage, except those the user
 * keeps. Answers the inputs with `storageObject` cleared for each object removed, or null when
 * nothing changed. An object that cannot be removed now (storage unreachable) stays recorded, so
 * the history still says where it is.
 */
export async function releaseUploads(
  deps: ReleaseDeps,
  profileId: string,
  inputs: readonly TaskInput[],
): Promise<TaskInput[] | null> {
  const outcome = new Map<string, Promise<boolean>>()
  const remove = (object: NonNullable<TaskInput['storageObject']>) => {
    let pending = outcome.get(objectId(object))
    if (!pending) {
      pending = deps.imageHost.remove(profileId, object).then(
        () => true,
        (error: unknown) => {
          deps.logger.warn('tasks.upload_not_removed', {
            code: (error as { code?: unknown }).code ?? 'unknown',
          })
          return false
        },
      )
      outcome.set(objectId(object), pending)
    }
    return pending
  }
  let changed = false
  const released: TaskInput[] = []
  for (const input of inputs) {
    if (input.storageObject === null || input.keepUpload || !(await remove(input.storageObject))) {
      released.push(input)
      continue
    }
    changed = true
    released.push({ ...input, storageObject: null })
  }
  return changed ? released : null
}
