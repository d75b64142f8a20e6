import { z } from 'zod'
import { queueCountsSchema, queueItemSchema, queueLimitBounds } from '../schemas/queue'
import { procedure } from './define'
import { taskRequestSchema } from './tasks'

/** Which profile's queue; absent means the active profile. */
const profileIdSchema = z.string().min(1).max(200).optional()
const profileOnly = z.object({ profileId: profileIdSchema }).strict()
const itemId = z.string().min(1).max(128)

/** A profile's counts plus the revision they were read at (compare with `queue.changed`). */
const queueStatusSchema = queueCountsSchema.extend({ revision: z.number().int().min(0) })

export const queueProcedures = {
  /**
   * Queues one task (a batch's or dynamic prompts' task) and answers its task id once the item is
   * recorded; the task is recorded and sent when its profile has room under its limit, so the
   * history holds it only from then on. Input images are resolved when it is sent.
   */
  'queue.submit': procedure(taskRequestSchema, z.object({ taskId: z.string() })),
  /**
   * One page of a profile's queue in sending order, with its counts and the revision read. Items of
   * a paused profile show as `paused`.
   */
  'queue.list': procedure(
    z
      .object({
        profileId: profileIdSchema,
        offset: z.number().int().min(0).default(0),
        count: z.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
    queueStatusSchema.extend({ items: z.array(queueItemSchema), total: z.number().int().min(0) }),
  ),
  /** The ids of tasks recorded `failed` that the queue holds to retry (as `queue.changed` carries). */
  'queue.held': procedure(z.object({}).strict(), z.object({ taskIds: z.array(z.string()) })),
  /** Stops sending the profile's queued items (tasks already sent run on). Kept across restarts. */
  'queue.pause': procedure(profileOnly, queueStatusSchema),
  /** Sends the profile's queued items again, up to its limit. */
  'queue.resume': procedure(profileOnly, queueStatusSchema),
  /**
   * Moves a waiting item to `toIndex` in its profile's queue (clamped to the end). An item already
   * `sending` cannot move: `conflict`.
   */
  'queue.move': procedure(
    z.object({ id: itemId, toIndex: z.number().int().min(0) }).strict(),
    queueStatusSchema,
  ),
  /**
   * Takes items out before they are sent; their tasks are never sent (a plot's cell shows as
   * failed, "removed from the queue"). Items already `sending` are left and not counted.
   */
  'queue.remove': procedure(
    z.object({ ids: z.array(itemId).min(1).max(10_000) }).strict(),
    z.object({ removed: z.number().int().min(0), revision: z.number().int().min(0) }),
  ),
  /** The profile's concurrency limit (saved in the settings; default 2). */
  'queue.setLimit': procedure(
    z
      .object({
        profileId: profileIdSchema,
        limit: z.number().int().min(queueLimitBounds.min).max(queueLimitBounds.max),
      })
      .strict(),
    queueStatusSchema,
  ),
}
