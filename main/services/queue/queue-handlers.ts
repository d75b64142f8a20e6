import type { Handlers } from '#contract'
import type { QueueService } from './queue-types'

type QueueProcedure =
  'queue.list' | 'queue.pause' | 'queue.resume' | 'queue.move' | 'queue.remove' | 'queue.setLimit'

export function createQueueHandlers(deps: { queue: QueueService }): Pick<Handlers, QueueProcedure> {
  const { queue } = deps
  return {
    'queue.list': (input) => queue.list(input),
    'queue.pause': ({ profileId }) => queue.pause(profileId),
    'queue.resume': ({ profileId }) => queue.resume(profileId),
    'queue.move': ({ id, toIndex }) => queue.move(id, toIndex),
    'queue.remove': ({ ids }) => queue.remove(ids),
    'queue.setLimit': ({ profileId, limit }) => queue.setLimit(profileId, limit),
  }
}
