import type { Result } from '#contract'

/** What a page sends over the browser bridge. */
export interface ClientMessage {
  readonly id: number
  readonly method: string
  readonly input: unknown
}

/** What the bridge sends back: an answer to one call, or an event push. */
export type ServerMessage =
  | { readonly id: number | null; readonly result: Result<unknown> }
  | { readonly event: string; readonly payload: unknown }

/** Accepts only `{ id: integer, method: string, input? }`; anything else is null. */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { id, method, input } = value as Record<string, unknown>
  if (!Number.isSafeInteger(id) || typeof method !== 'string') return null
  return { id: id as number, method, input }
}
