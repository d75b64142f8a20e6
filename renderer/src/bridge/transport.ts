import type { Result } from '#contract'

export type EventListener = (name: string, payload: unknown) => void

/** How the renderer reaches main: Electron's preload or the browser edition's WebSocket. */
export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>
  onEvent(listener: EventListener): () => void
}

/** What the Electron preload puts on `window.imgOpen`. */
export interface PreloadBridge {
  readonly procedures: Readonly<Record<string, (input: unknown) => Promise<Result<unknown>>>>
  onEvent(listener: EventListener): () => void
}
