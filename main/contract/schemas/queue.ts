import { z } from 'zod'
import { errorShapeSchema } from '../errors'
import { taskKinds } from './task'
import { plotCellValueSchema } from '../plot/plot-cell-ref'

/*
 * The per-profile queue (issue 15 §3). Batches, plots and single submits wait here until the
 * profile has room under its concurrency limit; each item is recorded (durably) before it is sent,
 * under the task id the task will have, so a crash can never send it twice.
 */

/**
 * - `queued`: waiting for room under the limit.
 * - `sending`: handed to the service, not yet acknowledged; it leaves the queue once accepted.
 * - `waiting_retry`: the service answered "too many tasks"; sent again (same task id) at `retryAt`.
 * - `paused`: its profile's queue is paused; nothing new is sent until it is resumed.
 */
export const queueItemStates = ['queued', 'sending', 'waiting_retry', 'paused'] as const
export type QueueItemState = (typeof queueItemStates)[number]

/** How many tasks of a profile may be in flight at the service at once, and the default. */
export const queueLimitBounds = { min: 1, max: 16, default: 2 } as const

/** How often a "too many tasks" answer is retried before the item fails for good. */
export const queueMaxAttempts = 8

export const queueItemSchema = z.object({
  /** The queue item's id (stable across restarts). */
  id: z.string(),
  /** The task id the task is (or will be) recorded and sent under. */
  taskId: z.string(),
  profileId: z.string(),
  kind: z.enum(taskKinds),
  /** A short line for the list: the prompt's start, or the plot and cell. */
  label: z.string(),
  /** 0-based place in its profile's queue (0 goes first). */
  position: z.number().int().min(0),
  state: z.enum(queueItemStates),
  /** When a `waiting_retry` item is sent again (ms since the epoch). */
  retryAt: z.number().optional(),
  /** Why the item waits (the service's "too many tasks" answer), cleaned of secrets. */
  reason: errorShapeSchema.optional(),
  /** Sends so far that the service refused as "too many tasks"; gives up after `queueMaxAttempts`. */
  attempts: z.number().int().min(0),
  /** The plot the item is a cell of, when it is one. */
  plotId: z.string().optional(),
  /** A plot cell's value on each axis (X first): the app words its line from these; `label` is English. */
  plotValues: z.array(plotCellValueSchema).max(3).optional(),
  createdAt: z.number(),
})
export type QueueItem = z.infer<typeof queueItemSchema>

/** One profile's queue at a glance: what the live count shows. */
export const queueCountsSchema = z.object({
  profileId: z.string(),
  /** Items not yet acknowledged by the service (every state). */
  waiting: z.number().int().min(0),
  /** Tasks of the profile in flight at the service (submitted, not ended), queued or not. */
  running: z.number().int().min(0),
  limit: z.number().int().min(queueLimitBounds.min).max(queueLimitBounds.max),
  paused: z.boolean(),
})
export type QueueCounts = z.infer<typeof queueCountsSchema>

/**
 * `queue.changed`: sent whenever any queue changes. `revision` grows with every change, so a window
 * holding a page of 1,000 items re-fetches only when it differs from the one it has.
 */
export const queueChangedSchema = z.object({
  revision: z.number().int().min(0),
  profiles: z.array(queueCountsSchema),
  /**
   * Tasks the service refused ("too many tasks") that the queue holds to send again under the same
   * id: recorded `failed` meanwhile, but not a final failure (history and task cards say so).
   */
  held: z.array(z.string()),
})
export type QueueChanged = z.infer<typeof queueChangedSchema>
