import { events, type EventName, type EventPayload } from '#contract'

export type EventListener = (name: EventName, payload: unknown) => void

export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void
  /** Returns the function that removes the listener. */
  subscribe(listener: EventListener): () => void
}

/** Fan-out of main → renderer pushes; each payload is checked against the contract before it leaves. */
export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>()
  return {
    emit(name, payload) {
      const checked = events[name].parse(payload)
      for (const listener of listeners) listener(name, checked)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
