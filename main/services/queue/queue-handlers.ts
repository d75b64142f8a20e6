import type { Handlers } from '#contract'
import type { QueueService } from './queue-types'

type QueueProcedure =
  | 'queue.submit'
  | 'queue.list'
  | 'queue.held'
  | 'queue.pause'
  | 'queue.resume'
  | 'queue.move'
  | 'queue.remove'
  | 'queue.setLimit'

export function createQueueHandlers(deps: { queue: QueueService }): Pick<Handlers, QueueProcedure> {
  const { queue } = deps
  return {
    'queue.submit': (request) => queue.submit(request),
    'queue.list': (input) => queue.list(input),
    'queue.held': async () => ({ taskIds: queue.held() }),
    'queue.pause': ({ profileId }) => queue.pause(profileId),
    'queue.resume': ({ profileId }) => queue.resume(profileId),
    'queue.move': ({ id, toIndex }) => queue.move(id, toIndex),
    'queue.remove': ({ ids }) => queue.remove(ids),
    'queue.setLimit': ({ profileId, limit }) => queue.setLimit(profileId, limit),
  }
}
