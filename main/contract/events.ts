import { z } from 'zod'

/** Pushes from main to every window. Payloads are validated before they leave main. */
export const events = {
  /** Sent once a connection is ready; lets tests and the UI know pushes flow. */
  'app.ready': z.object({ at: z.number() }),
}

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name)
