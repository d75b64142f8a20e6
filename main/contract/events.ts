import { z } from 'zod'
import { taskProgressSchema, taskRecordSchema } from './schemas/task'

/** Pushes from main to every window. Payloads are validated before they leave main. */
export const events = {
  /** Sent once a connection is ready; lets tests and the UI know pushes flow. */
  'app.ready': z.object({ at: z.number() }),
  /** The preset library or the prompt styles changed (edit, import, sync…): lists should reload. */
  'presets.changed': z.object({ at: z.number() }),
  /** A profile was added, edited, deleted, made active, or its keys changed: lists should reload. */
  'profiles.changed': z.object({ activeProfileId: z.string() }),
  /** A task was added to the history or changed (status, images…): the whole record as stored. */
  'tasks.changed': taskRecordSchema,
  /** Live progress of a running task (not stored): percent, preview image, timing. */
  'tasks.progress': taskProgressSchema,
  /** A training job's dataset upload, image by image (issue 16 §2); the job itself comes as `tasks.changed`. */
  'training.upload': z.object({
    taskId: z.string(),
    uploaded: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
}

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name)
